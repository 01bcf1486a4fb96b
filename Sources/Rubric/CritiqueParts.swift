/// A critique kept as its parts (opening, one part per dimension, the total, the next step), each a template
/// whose score words are slots, so the text can be written again for other scores.
///
/// Slots: `{b}` the band word of the part's dimension (of the total for ``Kind/total``), `{B}` the same
/// capitalised, `{t}` the total. When a teacher changes the scores, the parts that quote them follow.
public struct CritiqueParts: Codable, Sendable, Hashable {
    /// What a part is about.
    public enum Kind: Codable, Sendable, Hashable {
        /// The opening strength.
        case opening
        /// The sentence on one dimension.
        case dimension(Dimension)
        /// The sentence on the total.
        case total
        /// The closing next step.
        case nextStep
    }

    /// One part: what it is about and its template.
    public struct Part: Codable, Sendable, Hashable {
        /// What the part is about.
        public var kind: Kind
        /// The text with its score slots.
        public var template: String

        /// Creates a part.
        public init(kind: Kind, template: String) {
            self.kind = kind
            self.template = template
        }

        /// Whether the part quotes a band word or the total.
        public var quotesScores: Bool { ["{b}", "{B}", "{t}"].contains { template.contains($0) } }

        /// The part's text for these scores.
        public func text(for scores: Scores) -> String {
            let band: Band
            switch kind {
            case .dimension(let d): band = scores.band(d)
            default: band = scores.totalBand
            }
            let word = band.word
            return
                template
                .replacingOccurrences(of: "{b}", with: word)
                .replacingOccurrences(of: "{B}", with: word.prefix(1).uppercased() + word.dropFirst())
                .replacingOccurrences(of: "{t}", with: String(scores.total))
        }
    }

    /// The parts, in reading order.
    public var parts: [Part]

    /// Creates parts.
    public init(_ parts: [Part]) { self.parts = parts }

    /// The whole critique for these scores: the parts' texts joined by spaces.
    public func text(for scores: Scores) -> String {
        parts.map { $0.text(for: scores) }.joined(separator: " ")
    }
}
