import Rubric

/// Writes the built-in scorer's critique, to the student, in plain words.
///
/// The critique follows RUBRIC.md: it opens with a specific strength, gives
/// one part per dimension that says something visible (colours by name, where
/// the marks are, lines or filled areas, how many shapes) with that dimension's
/// band word, states the total, and ends with one next step chosen from what
/// this artwork most needs. Every sentence is chosen from a measurement under
/// the condition that makes it true (no colour talk for a black-pen drawing, no
/// description advice without a description). Band words and the total are
/// slots in ``CritiqueParts``, so the text follows the scores when a teacher
/// changes them. Wording varies with a seed taken from the artwork's content.
public enum CritiqueWriter {
    /// The length a critique must have, in words.
    public static let wordRange = 60...150

    /// Writes a critique as parts.
    /// - Parameters:
    ///   - scores: the sub-scores the critique is written for (they choose the next step).
    ///   - measurements: the measurements behind them (originality filled in).
    ///   - description: the artist's description, or "".
    ///   - seed: varies the wording; derive it from the artwork's content.
    public static func parts(scores: Scores, measurements m: Measurements, description: String, seed: UInt64)
        -> CritiqueParts
    {
        var rng = SplitMix64(seed: seed)
        let subject = Subject.phrase(description)
        // Whether there is a description at all, not whether a subject could be read from it: "there is no
        // description" was said of "Three layers of mountains getting lighter…" (no subject phrase found).
        let hasDescription = !DescriptionMeasurer.words(description).isEmpty
        var parts = [
            CritiqueParts.Part(kind: .opening, template: opening(m, scores: scores, subject: subject, rng: &rng))
        ]
        for d in Dimension.allCases {
            parts.append(
                .init(
                    kind: .dimension(d),
                    template: CritiquePhrases.dimension(d, m, hasDescription: hasDescription, rng: &rng)))
        }
        parts.append(.init(kind: .total, template: rng.pick(CritiquePhrases.totals)))
        parts.append(.init(kind: .nextStep, template: nextStep(scores: scores, m, description: description, rng: &rng)))
        return CritiqueParts(parts)
    }

    /// Writes a critique as one text.
    public static func write(scores: Scores, measurements m: Measurements, description: String = "", seed: UInt64)
        -> String
    {
        parts(scores: scores, measurements: m, description: description, seed: seed).text(for: scores)
    }

    /// The opening: the artwork's most specific strength, naming the subject when there is one.
    static func opening(_ m: Measurements, scores: Scores, subject: String?, rng: inout SplitMix64) -> String {
        // Praise only what the scores also count as a strength (competent or better), when there is any.
        let all = CritiquePhrases.strengths(m)
        let backed = all.filter { scores.band($0.dimension) >= .competent }
        let strengths = (backed.isEmpty ? all.filter { $0.dimension != .originality } : backed).sorted {
            $0.weight > $1.weight
        }
        let top = strengths.prefix(2)
        let chosen = top.count == 2 && top[1].weight > 0.8 * top[0].weight ? rng.pick(Array(top)) : top.first
        let clause = chosen.map { rng.pick($0.clauses) } ?? "You have made a start, and that is the hardest part."
        guard let subject else { return clause }
        let lowered = clause.prefix(1).lowercased() + clause.dropFirst()
        return rng.pick(["In your picture of \(subject), \(lowered)", "In this picture of \(subject), \(lowered)"])
    }

    /// The next step: advice on the weakest measurement of the lowest-scoring dimension that can take advice
    /// (colour cannot for a work without colour; a missing description is not the picture's fault).
    static func nextStep(scores: Scores, _ m: Measurements, description: String, rng: inout SplitMix64) -> String {
        let hasDescription = !DescriptionMeasurer.words(description).isEmpty
        var dims = Dimension.allCases.filter { !(m.isMonochrome && $0 == .color) }
        dims.sort { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : (rng.next() & 1) == 0 }
        for d in dims {
            // Description advice only for a description of a picture that is there.
            let candidates = Measure.features(of: d).filter {
                (hasDescription && m.substance >= 0.5)
                    || ![.descriptionWords, .descriptionSpecificity, .wordRarity].contains($0)
            }
            guard let weakest = candidates.min(by: { m.normalized($0) < m.normalized($1) }) else { continue }
            let advice = CritiquePhrases.advice(weakest, m)
            guard !advice.isEmpty else { continue }
            return rng.pick(CritiquePhrases.stepFrames).replacingOccurrences(of: "{1}", with: rng.pick(advice))
        }
        return "Next time, add one more thing that tells us about your idea."
    }

    /// The number of words in a text (runs of non-space characters).
    public static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }
}

/// The subject of a work, from the artist's description, in words the critique can use ("your dog Biscuit").
enum Subject {
    /// A short noun phrase for the description, or nil when there is none or it is too long to quote.
    static func phrase(_ description: String) -> String? {
        let first = description.split(whereSeparator: { ".!?\n".contains($0) }).first.map(String.init) ?? ""
        var words = first.split(whereSeparator: { $0.isWhitespace }).map {
            String($0).trimmingCharacters(in: .punctuationCharacters)
        }.filter { !$0.isEmpty }
        let lead = [
            ["this", "is"], ["it", "is"], ["it's"], ["i", "drew"], ["i", "painted"], ["i", "made"],
            ["a", "picture", "of"],
            ["a", "drawing", "of"], ["a", "painting", "of"], ["picture", "of"], ["drawing", "of"], ["painting", "of"],
        ]
        var stripped = true
        while stripped {
            stripped = false
            for l in lead where words.count > l.count && words.prefix(l.count).map({ $0.lowercased() }) == l {
                words.removeFirst(l.count)
                stripped = true
            }
        }
        guard !words.isEmpty, words.count <= 7 else { return nil }
        let mapped = words.map { w -> String in
            switch w.lowercased() {
            case "my", "our": return "your"
            case "me", "myself": return "yourself"
            case "i": return "you"
            case "mum", "dad", "mom": return w
            default: return w.first!.isUppercase && w != words[0] ? w : w.lowercased()
            }
        }
        if mapped == ["yourself"] { return "yourself" }
        return mapped.joined(separator: " ")
    }
}

/// A small deterministic generator (SplitMix64), so wording is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[Int(next() % UInt64(items.count))]
    }
}
