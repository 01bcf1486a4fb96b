import Foundation
import Imaging
import Rubric
import Testing

@testable import Grading

/// Every critique the tests can generate, checked for truth, reading level and variety.
@Suite struct CritiqueQualityTests {
    /// One graded class: the truth set's photos (generated and real) with their descriptions, half of the
    /// generated ones without a description.
    static let graded: [(item: TruthSet.Item, measurements: Measurements, assessment: Assessment)] = {
        let items = TruthSet.all().enumerated().map { i, item in
            var item = item
            if i % 2 == 1 && item.name.hasPrefix("generated") { item.description = "" }
            return item
        }
        let inputs = items.map { ArtworkInput(id: $0.name, image: $0.image, description: $0.description) }
        let context = ClassContext(profiles: inputs.map { ArtworkProfile($0) })
        let scorer = BuiltinScorer()
        return zip(items, inputs).map { item, input in
            let m = scorer.measurements(for: context.profile(id: input.id)!, context: context)
            return (item, m, scorer.assessment(for: input, context: context))
        }
    }()

    /// Every critique to check: the truth set's and the synthetic class's.
    static var critiques: [(Measurements?, Assessment)] {
        graded.map { ($0.measurements, $0.assessment) } + CritiqueTests.gradeClass().map { (nil, $0) }
    }

    /// Flesch–Kincaid grade level: 0.39 (words / sentences) + 11.8 (syllables / words) − 15.59.
    static func grade(_ text: String) -> Double {
        let sentences = max(
            1, text.split(whereSeparator: { ".!?:".contains($0) }).filter { $0.contains { $0.isLetter } }.count)
        let words = text.split(whereSeparator: { $0.isWhitespace || $0 == "-" })
            .map { $0.filter { $0.isLetter || $0.isNumber } }.filter { !$0.isEmpty }
        let syllables = words.reduce(0) { $0 + syllableCount(String($1)) }
        return 0.39 * Double(words.count) / Double(sentences) + 11.8 * Double(syllables) / Double(max(1, words.count))
            - 15.59
    }

    /// Vowel groups, less a silent final "e"; a number reads as two syllables.
    static func syllableCount(_ word: String) -> Int {
        let w = word.lowercased()
        if w.contains(where: \.isNumber) { return 2 }
        var count = 0
        var previousVowel = false
        for ch in w {
            let vowel = "aeiouy".contains(ch)
            if vowel && !previousVowel { count += 1 }
            previousVowel = vowel
        }
        if w.hasSuffix("e") && !w.hasSuffix("le") && count > 1 { count -= 1 }
        return max(1, count)
    }

    @Test("the syllable counter and grade formula behave on known text")
    func readabilityFormula() {
        #expect(Self.syllableCount("cat") == 1)
        #expect(Self.syllableCount("colour") == 2)
        #expect(Self.syllableCount("composition") == 4)
        #expect(Self.grade("The cat sat on the mat. It was a big cat.") < 2)
        #expect(
            Self.grade(
                "Notwithstanding considerable methodological heterogeneity, the compositional characteristics demonstrate substantial originality."
            )
                > 12)
    }

    @Test("every critique reads at Flesch–Kincaid grade 7 or lower")
    func readingLevel() {
        for (_, a) in Self.critiques {
            let g = Self.grade(a.critique)
            #expect(g <= 7, "grade \(g): \(a.critique)")
        }
    }

    @Test("every note and critique is true of its measurements and agrees with the scores")
    func consistency() {
        for (item, m, a) in Self.graded {
            let problems = EvidenceCheck.problems(m, evidence: a.evidence, critique: a.critique, scores: a.scores)
            #expect(problems.isEmpty, "\(item.name): \(problems) — \(a.critique)")
        }
        for (_, a) in Self.critiques { #expect(CritiqueCheck.contradictions(a.critique, scores: a.scores).isEmpty) }
    }

    @Test("no monochrome artwork gets colour advice, and no critique without a description gets description advice")
    func noFalseAdvice() {
        for (item, m, a) in Self.graded {
            if item.monochrome {
                #expect(m.isMonochrome, "\(item.name) measured as coloured: \(m[.colorfulness]) \(m[.hueEntropy])")
                let words = Set(CritiqueCheck.words(a.critique))
                #expect(EvidenceCheck.colourTalk.allSatisfy { !words.contains($0) }, "\(item.name): \(a.critique)")
            }
            if item.description.isEmpty {
                #expect(!a.critique.lowercased().contains("your description"), "\(a.critique)")
                #expect(a.critique.contains("judged it from the picture"), "\(a.critique)")
            } else {
                #expect(!a.critique.contains("no description"), "\(item.name): \(a.critique)")
            }
        }
    }

    @Test("a description with no subject phrase in it is still a description (the Samples' fjord was told it had none)")
    func descriptionWithoutSubject() throws {
        let description = "Three layers of mountains getting lighter and more purple as they go back."
        let (_, m, _) = try #require(Self.graded.first)
        for seed in UInt64(0)..<40 {
            let text = CritiqueWriter.write(
                scores: try Scores(originality: 10, color: 10, texture: 10, composition: 10, content: 10),
                measurements: m,
                description: description, seed: seed)
            #expect(!text.contains("no description"), "\(text)")
            #expect(!text.contains("fills the picture"), "\(text)")
        }
    }

    @Test("a critique names something visible: colours by name, ink, or where the marks are")
    func namesSomethingVisible() {
        let names = ColourName.allCases.map(\.word)
        for (item, m, a) in Self.graded where m[.coverage] > 0.002 {
            let words = Set(CritiqueCheck.words(a.critique))
            #expect(names.contains { words.contains($0) }, "\(item.name): \(a.critique)")
            if !item.description.isEmpty, let subject = Subject.phrase(item.description) {
                #expect(a.critique.contains(subject), "\(item.name): no '\(subject)' in \(a.critique)")
            }
        }
    }

    @Test("across a class of 15 or more, no sentence appears in more than a quarter of the critiques")
    func variety() {
        let critiques = Self.graded.map(\.assessment.critique)
        #expect(critiques.count >= 15)
        var seen: [String: Int] = [:]
        for c in critiques {
            for s in Set(CritiqueCheck.sentences(c)) { seen[s, default: 0] += 1 }
        }
        let limit = critiques.count / 4
        for (sentence, n) in seen where n > limit { Issue.record("\(n) of \(critiques.count): \(sentence)") }
        let steps = Set(Self.graded.compactMap { $0.assessment.critiqueParts?.parts.last?.template })
        #expect(steps.count >= 8, "only \(steps.count) distinct next steps")
    }
}
