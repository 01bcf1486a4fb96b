import Foundation

/// Finds where a critique's words disagree with the scores: a sentence about one dimension that uses another
/// band's word, or quotes another sub-score out of 20, and a total out of 100 (or the total's band word)
/// that is not the total. Works on any critique, the built-in scorer's, a VLM's or a teacher's own.
public enum CritiqueCheck {
    /// One disagreement between the text and the scores.
    public struct Contradiction: Sendable, Hashable, CustomStringConvertible {
        /// The sentence it was found in.
        public var sentence: String
        /// The word or number the text uses.
        public var says: String
        /// What the scores call for instead.
        public var should: String
        /// What it is about: a dimension's name or "total".
        public var about: String

        /// "colour says 'strong' but scores 'developing'".
        public var description: String { "\(about) says '\(says)' but the scores say '\(should)'" }
    }

    /// The words that name each dimension in a critique.
    static let names: [(Dimension, [String])] = [
        (.originality, ["originality", "original"]),
        (.color, ["colour", "color", "colours", "colors"]),
        (.texture, ["texture", "mark-making"]),
        (.composition, ["composition", "arrangement", "layout"]),
        (.content, ["content", "subject matter", "story"]),
    ]
    static let totalWords = ["total", "overall", "altogether", "in all"]

    /// The critique's sentences.
    public static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in text {
            current.append(ch)
            if ch == "." || ch == "!" || ch == "?" || ch == "\n" {
                let s = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !s.isEmpty { out.append(s) }
                current = ""
            }
        }
        let s = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !s.isEmpty { out.append(s) }
        return out
    }

    /// The lower-cased words of a sentence (letters, digits and hyphens).
    public static func words(_ s: String) -> [String] {
        s.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init)
    }

    static func contains(_ words: [String], _ phrase: String) -> Bool {
        let p = phrase.split(separator: " ").map(String.init)
        guard p.count <= words.count else { return false }
        return (0...(words.count - p.count)).contains { Array(words[$0..<($0 + p.count)]) == p }
    }

    /// Every contradiction between the text and the scores.
    public static func contradictions(_ text: String, scores: Scores) -> [Contradiction] {
        var found: [Contradiction] = []
        let bandWords = Band.allCases.map(\.word)
        for sentence in sentences(text) {
            let w = words(sentence)
            let dims = names.filter { _, ns in ns.contains { contains(w, $0) } }.map(\.0)
            let isTotal = totalWords.contains { contains(w, $0) } || hasOutOf(w, 100) != nil
            let bands = bandWords.filter { w.contains($0) }
            if let n = hasOutOf(w, 100), n != scores.total {
                found.append(
                    .init(sentence: sentence, says: "\(n) of 100", should: "\(scores.total) of 100", about: "total"))
            }
            if isTotal && dims.isEmpty, bands.count == 1, bands[0] != scores.totalBand.word {
                found.append(.init(sentence: sentence, says: bands[0], should: scores.totalBand.word, about: "total"))
            }
            guard !isTotal, dims.count == 1 else { continue }
            let d = dims[0]
            if bands.count == 1, bands[0] != scores.band(d).word {
                found.append(.init(sentence: sentence, says: bands[0], should: scores.band(d).word, about: d.rawValue))
            }
            if let n = hasOutOf(w, 20), n != scores[d] {
                found.append(
                    .init(sentence: sentence, says: "\(n) of 20", should: "\(scores[d]) of 20", about: d.rawValue))
            }
        }
        return found
    }

    /// The text with each contradicting band word or number replaced by the one the scores call for,
    /// leaving every other word as it was.
    public static func corrected(_ text: String, scores: Scores) -> String {
        var out = text
        // One word at a time: a sentence may hold two (a total and its band word).
        for _ in 0..<32 {
            guard let c = contradictions(out, scores: scores).first else { break }
            var fixed = c.sentence
            if c.says.hasSuffix(" of 100") || c.says.hasSuffix(" of 20") {
                let old = String(c.says.split(separator: " ")[0]), new = String(c.should.split(separator: " ")[0])
                fixed = replaceWord(old, with: new, in: fixed)
            } else {
                fixed = replaceWord(c.says, with: c.should, in: fixed)
                let cap = c.says.prefix(1).uppercased() + c.says.dropFirst()
                fixed = replaceWord(cap, with: c.should.prefix(1).uppercased() + c.should.dropFirst(), in: fixed)
            }
            guard fixed != c.sentence, let range = out.range(of: c.sentence) else { break }
            out.replaceSubrange(range, with: fixed)
        }
        return out
    }

    static func replaceWord(_ old: String, with new: String, in s: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            out += word == old ? new : word
            word = ""
        }
        for ch in s {
            if ch.isLetter || ch.isNumber {
                word.append(ch)
            } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return out
    }

    /// The number n in "n of 100", "n out of 100" or "n/100" (with `of` the denominator).
    static func hasOutOf(_ w: [String], _ of: Int) -> Int? {
        let d = String(of)
        for i in w.indices where w[i] == d && i >= 2 {
            if w[i - 1] == "of", let n = Int(w[i - 2]) { return n }
            if w[i - 1] == "of", i >= 3, w[i - 2] == "out", let n = Int(w[i - 3]) { return n }
        }
        return nil
    }
}
