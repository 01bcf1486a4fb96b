import Foundation
import Grading
import Imaging
import Rubric
import Testing

@testable import VLMScoring

/// The VLM scorer on the tiny Qwen2-VL fixtures of the QwenVL tests (the numbers mean nothing; the pipeline is real).
@Suite struct VLMScorerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("QwenVLTests/Fixtures")

    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func image() -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: 120 * 90 * 3)
        for i in 0..<pixels.count { pixels[i] = UInt8(truncatingIfNeeded: i &* 37 ^ (i >> 5)) }
        return RGBImage(width: 120, height: 90, pixels: pixels)
    }

    @Test("The template's numbers can only be whole numbers 0–20, and every one of them can be written")
    func numberConstraint() {
        var reachable = Set<Int>()
        for first in 0...9 {
            reachable.insert(first)
            for second in VLMScoreDecoder.secondDigits(after: first) { reachable.insert(first * 10 + second) }
        }
        #expect(reachable == Set(0...20))
        #expect(VLMScoreDecoder.best([0, 5, 9, 1], among: [0, 1, 3]) == 1)
    }

    @Test("Template decoding and the scoring head both give valid, repeatable assessments")
    func assessments() throws {
        let input = ArtworkInput(id: "a", image: Self.image(), description: "A red boat at dawn.")
        let template = try VLMScorer(
            modelPath: Self.path("tiny-tied-q4_k_m.gguf"), mmprojPath: Self.path("vision-tiny-tied-f16.gguf"),
            maxCritiqueTokens: 16)
        #expect(template.head == nil)
        let first = try template.assessment(input)
        #expect(first.scores.values.allSatisfy { (0...20).contains($0) })
        #expect(first.scorerID == "vlm" && first.scorerVersion.hasSuffix("+template"))
        let again = try template.assessment(input)
        #expect(again.scores == first.scores && again.critique == first.critique)

        let headed = try VLMScorer(
            modelPath: Self.path("tiny-tied-q4_k_m.gguf"), mmprojPath: Self.path("vision-tiny-tied-f16.gguf"),
            headPath: Self.path("vision-tiny-tied-head.gguf"), maxCritiqueTokens: 8)
        let scored = try headed.assessment(input)
        #expect(scored.evidence.map(\.measure) == [String](repeating: "score_head", count: 5))
        for (dimension, evidence) in zip(Dimension.allCases, scored.evidence) {
            #expect(scored.scores[dimension] == min(20, max(0, Int(evidence.value.rounded()))))
        }
    }

    @Test("The prompt holds the rubric, one image placeholder and the description")
    func prompt() {
        let text = VLMScorer.prompt(description: "My cat")
        #expect(text.hasPrefix("<|im_start|>system\n" + RubricPrompt.system))
        #expect(text.components(separatedBy: "<|image_pad|>").count == 2)
        #expect(text.contains("The artist's description: My cat"))
        #expect(text.hasSuffix("<|im_start|>assistant\n"))
    }

    @Test("A missing file is one line naming it")
    func missing() {
        #expect(throws: (any Error).self) {
            try VLMScorer(modelPath: "/nonexistent/t.gguf", mmprojPath: Self.path("vision-tiny-tied-f16.gguf"))
        }
        do {
            _ = try VLMScorer(modelPath: "/nonexistent/t.gguf", mmprojPath: "/x.gguf")
        } catch {
            #expect(error.description == "/nonexistent/t.gguf: no such file")
        }
    }
}
