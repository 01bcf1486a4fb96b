import Foundation
import Rubric
import Testing

@testable import Grading

@Suite struct SupportTests {
    @Test("a profile rebuilt from stored evidence scores exactly like the measured one")
    func profileFromEvidence() throws {
        let profile = ArtworkProfile(id: "a", image: Synth.artwork(seed: 4), description: "a red kite over the hills")
        let scorer = BuiltinScorer()
        let assessment = scorer.assessment(
            for: profile, context: .empty, description: "a red kite over the hills")
        let rebuilt = try #require(
            ArtworkProfile(
                id: "a", evidence: assessment.evidence, description: "a red kite over the hills",
                scorerID: assessment.scorerID, scorerVersion: assessment.scorerVersion))
        #expect(rebuilt == profile)
        #expect(
            ArtworkProfile(
                id: "a", evidence: assessment.evidence, description: "", scorerID: "vlm", scorerVersion: "x") == nil)
        #expect(
            ArtworkProfile(
                id: "a", evidence: Array(assessment.evidence.dropFirst(5)), description: "", scorerID: "builtin",
                scorerVersion: assessment.scorerVersion) == nil)
    }

    @Test("Parallel.map keeps item order and runs everything")
    func parallelMap() async throws {
        let out = try await Parallel.map(Array(0..<100), width: 3) { $0 * $0 }
        #expect(out == (0..<100).map { $0 * $0 })
    }

    @Test("the progress line shows done/total, a bar, the rate and the time left")
    func progress() {
        let meter = ProgressMeter(label: "grading", total: 40)
        #expect(meter.line(done: 10, elapsed: 2) == "grading 10/40 [######------------------]  5.0/s  6.0 s left")
        #expect(meter.line(done: 40, elapsed: 4).hasSuffix("10.0/s  done"))
        #expect(meter.line(done: 0, elapsed: 0) == "grading 0/40 [------------------------]")
        #expect(ProgressMeter.duration(185) == "3 min 5 s")
    }

    @Test("a training record is one line of Qwen2-VL conversation JSON with images, scores and source")
    func trainingRecord() throws {
        let scores = try Scores(originality: 12, color: 15, texture: 9, composition: 11, content: 14)
        let record = TrainingRecord(
            imagePath: "images/demo-ab.png", description: "A boat at dusk", critique: "Lovely.", scores: scores,
            source: "edited", className: "7B", title: "Dusk")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let line = String(decoding: try encoder.encode(record), as: UTF8.self)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let messages = try #require(object["messages"] as? [[String: String]])
        #expect(messages.map { $0["role"] } == ["system", "user", "assistant"])
        #expect(messages[0]["content"]!.contains("Originality (0–20)"))
        #expect(messages[1]["content"]!.hasPrefix("<image>"))
        #expect(messages[1]["content"]!.contains("A boat at dusk"))
        #expect(messages[2]["content"] == "Lovely.")
        #expect(object["images"] as? [String] == ["images/demo-ab.png"])
        #expect((object["scores"] as? [String: Int])?["total"] == 61)
        #expect((object["scores"] as? [String: Int])?["color"] == 15)
        #expect(object["source"] as? String == "edited")
        #expect(object["class"] as? String == "7B")
        #expect(object["description"] as? String == "A boat at dusk")
        #expect(object["title"] as? String == "Dusk")
    }
}
