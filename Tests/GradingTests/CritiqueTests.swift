import Imaging
import Rubric
import Testing

@testable import Grading

@Suite struct CritiqueTests {
    static let descriptions = [
        "", "my dog", "A dragon guarding a castle on a cliff above a stormy sea.", "me and my sister at the beach",
        "A bowl of fruit", "Night city with neon lights reflected in the rain", "rocket", "The volcano erupting",
        "A self portrait with a purple scarf and a sunflower behind me", "trees", "a jellyfish", "Grandpa's boat",
    ]

    /// A class of varied synthetic artworks, graded with the default map.
    static func gradeClass() -> [Assessment] {
        let inputs = descriptions.indices.map { i in
            ArtworkInput(
                id: "art\(i)",
                image: i == 0 ? Synth.flat() : i == 1 ? Synth.rainbow() : Synth.artwork(seed: UInt64(i * 31)),
                description: descriptions[i])
        }
        let context = ClassContext(profiles: inputs.map { ArtworkProfile($0) })
        let scorer = BuiltinScorer()
        return inputs.map { scorer.assessment(for: $0, context: context) }
    }

    static let bandWords = Set(Band.allCases.map(\.word))

    static func bandWords(in text: String) -> Set<String> {
        Set(
            text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init).filter {
                bandWords.contains($0)
            })
    }

    @Test("critiques have 60–150 words, their band words match their scores, and no two are alike")
    func critiques() {
        let assessments = Self.gradeClass()
        for a in assessments {
            let words = CritiqueWriter.wordCount(a.critique)
            #expect(CritiqueWriter.wordRange.contains(words), "\(words) words: \(a.critique)")
            let expected = Set(Dimension.allCases.map { a.scores.band($0).word } + [a.scores.totalBand.word])
            #expect(Self.bandWords(in: a.critique) == expected, "\(a.scores) \(a.critique)")
            #expect(CritiqueCheck.contradictions(a.critique, scores: a.scores).isEmpty, "\(a.critique)")
            for name in ["Originality is", "Colour is", "Texture is", "Composition is", "Content is"] {
                #expect(a.critique.contains(name), "no sentence on \(name): \(a.critique)")
            }
            #expect(a.total == a.scores.values.reduce(0, +))
            #expect(a.evidence.count == Measure.allCases.count)
            #expect(a.critiqueParts?.text(for: a.scores) == a.critique)
        }
        #expect(Set(assessments.map(\.critique)).count == assessments.count)
    }

    @Test("a critique opens with a strength, ends with a next step, and talks about the work, not the artist")
    func shape() {
        for a in Self.gradeClass() {
            let parts = a.critiqueParts!.parts
            #expect(parts.first?.kind == .opening && parts.last?.kind == .nextStep)
            #expect(!parts[0].quotesScores, "the opening quotes a score: \(parts[0].template)")
            let last = parts.last!.template
            #expect(
                CritiquePhrases.stepFrames.contains { last.hasPrefix($0.replacingOccurrences(of: "{1}", with: "")) })
            let lower = " " + a.critique.lowercased() + " "
            for banned in [" you are ", " talented", " lazy", " child", " student", " he ", " she ", " clever"] {
                #expect(!lower.contains(banned), "\(banned) in \(a.critique)")
            }
        }
    }

    @Test("evidence notes never use a band word, so only score sentences carry them")
    func notesHaveNoBandWords() {
        for a in Self.gradeClass() {
            for e in a.evidence { #expect(Self.bandWords(in: e.note).isEmpty, "\(e.measure): \(e.note)") }
        }
        for measure in Measure.allCases {
            for advice in CritiquePhrases.advice(measure, Measurements()) {
                #expect(Self.bandWords(in: advice).isEmpty)
            }
        }
    }

    @Test("the same artwork gets the same scores and critique every time")
    func deterministic() {
        let first = Self.gradeClass(), second = Self.gradeClass()
        for (a, b) in zip(first, second) {
            #expect(a.scores == b.scores)
            #expect(a.critique == b.critique)
            #expect(a.evidence == b.evidence)
        }
    }

    @Test("the scorer works through the protocol, asynchronously")
    func throughProtocol() async throws {
        let scorer: any Scorer = BuiltinScorer()
        let input = ArtworkInput(id: "a", image: Synth.artwork(seed: 3), description: "a cat on a wall")
        let a = try await scorer.assess(input, context: .empty)
        #expect(a.scorerID == "builtin")
        #expect(a.scorerVersion == "6+default")
        #expect(a.duration >= 0)
        try a.scores.validate()
    }
}
