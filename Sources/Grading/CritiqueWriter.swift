import Rubric

/// Writes the built-in scorer's critique from its scores and measurements.
///
/// The critique follows RUBRIC.md: it opens with a strength, gives one
/// sentence per dimension that names measured evidence and uses the band word
/// of that dimension's score, states the total with its band word, and ends
/// with one concrete next step aimed at the weakest measurement. High scores
/// quote the measurements that pushed the score up, low scores the ones that
/// held it down, so the words always agree with the numbers. Wording varies
/// with a seed taken from the artwork's content; it never talks about the
/// artist, only the work.
public enum CritiqueWriter {
    /// The length a critique must have, in words.
    public static let wordRange = 60...150
    /// The length the writer aims below, shortening dimension sentences to one note each until it fits.
    static let targetWords = 120

    /// Writes a critique.
    /// - Parameters:
    ///   - scores: the sub-scores the critique must agree with.
    ///   - measurements: the measurements behind them (originality filled in).
    ///   - map: the map that produced the scores; its positive weights say which measurements count for a dimension.
    ///   - seed: varies the wording; derive it from the artwork's content.
    public static func write(scores: Scores, measurements m: Measurements, map: LinearMap, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed)
        let ranked = Dimension.allCases.map { rankedFeatures($0, m, map) }
        let order = rng.shuffled(Dimension.allCases)
        let weakest = order.min { scores[$0] < scores[$1] }!
        let openerMeasure = strongestImageFeature(ranked: ranked, scores: scores, m)
        let opener = CritiquePhrases.fill(
            rng.pick(CritiquePhrases.openers), notes: [EvidenceWriter.note(openerMeasure, m)])

        var twoNote: [String] = []
        var oneNote: [String] = []
        for (i, d) in Dimension.allCases.enumerated() {
            var candidates = ranked[i]
            if candidates.count > 2, let used = candidates.firstIndex(of: openerMeasure) { candidates.remove(at: used) }
            let band = scores.band(d)
            let subject = rng.pick(CritiquePhrases.subjects(d))
            let notes: [Measure]
            let templates: [String]
            switch band {
            case .strong, .exceptional:
                // Only notes that read as a plus support a high score; at least the best one.
                let plus = candidates.filter { m.normalized($0) >= praiseLevel }
                notes = Array((plus.isEmpty ? candidates : plus).prefix(2))
                templates = CritiquePhrases.high
            case .competent:
                notes = [candidates.first!, candidates.last!]
                templates = CritiquePhrases.middle
            case .developing, .beginning:
                let minus = candidates.filter { m.normalized($0) < praiseLevel }
                notes = Array((minus.isEmpty ? candidates : minus).suffix(2).reversed())
                templates = CritiquePhrases.low
            }
            let words = uniqueNotes(notes, m)
            let template = words.count == 2 ? rng.pick(templates) : rng.pick(CritiquePhrases.single)
            twoNote.append(
                CritiquePhrases.fill(template, dimension: d, subject: subject, band: band, notes: words))
            oneNote.append(
                CritiquePhrases.fill(
                    rng.pick(CritiquePhrases.single), dimension: d, subject: subject, band: band,
                    notes: [words[0]]))
        }
        let total = CritiquePhrases.fill(
            rng.pick(CritiquePhrases.totals), totalWord: scores.totalBand.word, total: scores.total)
        let stepMeasure = ranked[Dimension.allCases.firstIndex(of: weakest)!].last!
        let step = CritiquePhrases.fill(
            rng.pick(CritiquePhrases.nextSteps), notes: [CritiquePhrases.advice(stepMeasure, m)])

        var body = twoNote
        func text() -> String { ([opener] + body + [total, step]).joined(separator: " ") }
        var shortenOrder = rng.shuffled(Array(body.indices))
        while wordCount(text()) > targetWords, let i = shortenOrder.popLast() {
            body[i] = oneNote[i]
        }
        return text()
    }

    /// A normalised feature at or above this reads as a strength.
    static let praiseLevel = 0.45

    /// The opener's evidence: the image measurement (not the description) that counts most for the work,
    /// weighing each feature's normalised value by its dimension's score; the best dimension's top feature
    /// when no image feature stands out.
    static func strongestImageFeature(ranked: [[Measure]], scores: Scores, _ m: Measurements) -> Measure {
        var best: (measure: Measure, value: Double)?
        for (i, d) in Dimension.allCases.enumerated() {
            for measure in ranked[i] where ![.descriptionWords, .descriptionSpecificity, .wordRarity].contains(measure)
            {
                let value = m.normalized(measure) * (1 + Double(scores[d]) / Double(Scores.maximum))
                if best == nil || value > best!.value { best = (measure, value) }
            }
        }
        if let best { return best.measure }
        let top = Dimension.allCases.indices.max { scores[Dimension.allCases[$0]] < scores[Dimension.allCases[$1]] }!
        return ranked[top][0]
    }

    /// The number of words in a text (runs of non-space characters).
    public static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }

    /// A dimension's map features that count in its favour, highest normalised value first.
    static func rankedFeatures(_ d: Dimension, _ m: Measurements, _ map: LinearMap) -> [Measure] {
        let row = map[d]
        var features = zip(row.features, row.weights).filter { $0.1 > 0 }.map(\.0)
        if features.isEmpty { features = Measure.features(of: d) }
        return features.enumerated().sorted { a, b in
            let (va, vb) = (m.normalized(a.element), m.normalized(b.element))
            return va != vb ? va > vb : a.offset < b.offset
        }.map(\.element)
    }

    /// The notes of the chosen measures, without saying the same thing twice.
    static func uniqueNotes(_ measures: [Measure], _ m: Measurements) -> [String] {
        var notes: [String] = []
        for measure in measures {
            let note = EvidenceWriter.note(measure, m)
            if !notes.contains(note) { notes.append(note) }
        }
        return notes
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

    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var out = items
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            out.swapAt(i, Int(next() % UInt64(i + 1)))
        }
        return out
    }
}
