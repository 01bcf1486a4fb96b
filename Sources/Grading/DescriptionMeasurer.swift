/// Measurements of the artist's description: how long it is and how many
/// specific words it uses (words of four or more letters that are not
/// everyday function words).
public enum DescriptionMeasurer {
    /// The description's words, lower-cased, letters and digits only.
    public static func words(_ description: String) -> [String] {
        var words: [String] = []
        var current = ""
        for ch in description.lowercased() {
            if ch.isLetter || ch.isNumber || (ch == "'" && !current.isEmpty) {
                current.append(ch)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.hasSuffix("'s") ? String($0.dropLast(2)) : $0 }.filter { !$0.isEmpty }
    }

    /// The distinct specific words of a description (four letters or more, not a stop word).
    public static func contentWords(_ description: String) -> Set<String> {
        Set(words(description).filter { $0.count >= 4 && !stopWords.contains($0) })
    }

    static func measure(_ description: String, into m: inout Measurements) {
        m[.descriptionWords] = Double(words(description).count)
        m[.descriptionSpecificity] = Double(contentWords(description).count)
    }

    /// Common words that say nothing specific about a picture.
    static let stopWords: Set<String> = [
        "about", "above", "after", "again", "also", "always", "because", "been", "before", "being", "below",
        "between", "both", "could", "didn't", "does", "doing", "done", "down", "during", "each", "even", "every",
        "from", "have", "having", "here", "into", "just", "like", "made", "make", "many", "more", "most", "much",
        "must", "myself", "never", "only", "other", "over", "really", "same", "should", "some", "such", "than",
        "that", "their", "them", "then", "there", "these", "they", "thing", "things", "this", "those", "through",
        "very", "want", "wanted", "were", "what", "when", "where", "which", "while", "with", "would", "your",
        "picture", "drawing", "painting", "drew", "painted", "draw", "paint", "tried", "think", "shows", "show",
        "used", "using", "will", "going", "lots", "kind", "sort", "it's", "i'm", "it", "into", "onto", "upon",
        "it'll", "there's", "that's", "because", "called", "looks", "look", "liked", "love", "loved", "favourite",
        "favorite", "cool", "nice", "good", "pretty", "great",
    ]
}
