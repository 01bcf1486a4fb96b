import Foundation
import Grading
import Imaging
import Rubric
import Testing

@testable import VLMScoring

/// Prefix-cached, batched grading against one artwork at a time without the cache, on the tiny fixtures (greedy).
@Suite struct BatchedScoringTests {
    static func inputs() -> [ArtworkInput] {
        let descriptions = ["A red boat at dawn.", "", "My cat asleep on the stairs", "Clay dog", "Night city, neon"]
        return descriptions.enumerated().map { i, text in
            var pixels = [UInt8](repeating: 0, count: (100 + 10 * i) * 80 * 3)
            for p in 0..<pixels.count { pixels[p] = UInt8(truncatingIfNeeded: p &* (31 + i) ^ (p >> (3 + i))) }
            return ArtworkInput(
                id: "a\(i)", image: RGBImage(width: 100 + 10 * i, height: 80, pixels: pixels), description: text)
        }
    }

    static func scorers(model: String, mmproj: String, head: String?) throws -> (plain: VLMScorer, fast: VLMScorer) {
        let path = VLMScorerTests.path
        let plain = try VLMScorer(
            modelPath: path(model), mmprojPath: path(mmproj), headPath: head.map(path), maxCritiqueTokens: 24,
            batchSize: 1, usesPrefixCache: false)
        let fast = try VLMScorer(
            modelPath: path(model), mmprojPath: path(mmproj), headPath: head.map(path), maxCritiqueTokens: 24,
            batchSize: 4, usesPrefixCache: true)
        return (plain, fast)
    }

    @Test(
        "template and head scoring: batches of 4 with the cached rubric prefix give the same assessments as one at a time",
        arguments: [
            ("tiny-tied-q4_k_m.gguf", "vision-tiny-tied-f16.gguf", nil),
            ("tiny-tied-q5_k_m.gguf", "vision-tiny-tied-f16.gguf", "vision-tiny-tied-head.gguf"),
            ("tiny-untied-q8_0.gguf", "vision-tiny-untied-f32.gguf", nil),
            ("tiny-untied-f32.gguf", "vision-tiny-untied-f32.gguf", "vision-tiny-untied-head.gguf"),
        ] as [(String, String, String?)])
    func sameAssessments(model: String, mmproj: String, head: String?) throws {
        let (plain, fast) = try Self.scorers(model: model, mmproj: mmproj, head: head)
        let inputs = Self.inputs()
        let expected = try plain.assessments(inputs).map { try $0.get() }
        let batched = try fast.assessments(inputs).map { try $0.get() }
        for (one, many) in zip(expected, batched) {
            #expect(one.scores == many.scores, "\(model)")
            #expect(one.critique == many.critique, "\(model)")
            #expect(one.evidence == many.evidence, "\(model)")
            #expect(one.scores.values.allSatisfy { (0...20).contains($0) })
        }
        #expect(Set(expected.map(\.critique)).count > 1, "different artworks get different critiques")
        let saved = plain.phaseTimes.prefilledTokens - fast.phaseTimes.prefilledTokens
        #expect(saved > 100 * 4, "the rubric prefix is prefilled once, not per artwork (saved \(saved) tokens)")
        #expect(fast.phaseTimes.decodeSteps < plain.phaseTimes.decodeSteps / 2, "decode steps are shared")
    }
}
