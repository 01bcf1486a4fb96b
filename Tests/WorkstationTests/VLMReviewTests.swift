import EaselTestSupport
import Foundation
import Grading
import Store
import TUI
import Testing
import VLMScoring

@testable import Workstation

/// The review's background grader with the VLM scorer on the tiny Qwen2-VL fixtures (the numbers mean nothing;
/// the pipeline is real).
@Suite(.serialized) struct VLMReviewTests {
    static let fixtures = ReviewEndToEndTests.root.appendingPathComponent("Tests/QwenVLTests/Fixtures")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    @Test("the worker grades ungraded artworks with the VLM scorer and the session shows its assessment")
    func workerGradesWithVLM() throws {
        let scorer = try VLMScorer(
            modelPath: Self.fixture("tiny-untied-f32.gguf"), mmprojPath: Self.fixture("vision-tiny-untied-f32.gguf"),
            headPath: Self.fixture("vision-tiny-untied-head.gguf"), maxCritiqueTokens: 8, maxPixels: 50176)
        let fixture = try ImageClassFixture(count: 2)
        var session = try ReviewSession(
            store: fixture.store, classRecord: fixture.classRecord, scorerName: "vlm tiny-untied", graphics: .none)
        #expect(session.results.allSatisfy { $0.latestAssessment == nil })
        let worker = GradingWorker(
            store: fixture.store, classID: fixture.classRecord.id, scorer: scorer, label: "vlm tiny-untied")
        #expect(worker.scorerLabel == "vlm tiny-untied")
        worker.start()
        let events = GradingWorkerTests.drainUntilIdle(worker, timeout: 120)
        for id in fixture.ids {
            #expect(events.contains(.graded(id)), "\(events)")
            let stored = try #require(try fixture.store.latestAssessment(artworkID: id)).assessment
            #expect(stored.scorerID == "vlm")
            #expect(
                stored.scorerVersion == "tiny-untied-f32.gguf+vision-tiny-untied-f32.gguf+max50176px+head:"
                    + "vision-tiny-untied-head.gguf")
            #expect(stored.scores.values.allSatisfy { (0...20).contains($0) })
        }
        try session.reload()
        #expect(session.results.allSatisfy { $0.latestAssessment?.assessment.scorerID == "vlm" })
        #expect(session.screenModel.scorerName == "vlm tiny-untied")
    }

    @Test(
        "review in tmux with [review] scorer = \"vlm\": the header names the model, keys answer, all get graded",
        .enabled(if: TestEnvironment.canDriveReview, "needs /usr/bin/tmux and a built easel"))
    func reviewWithVLM() throws {
        let binary = try #require(ReviewEndToEndTests.binary)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-vlm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ReviewEndToEndTests.makeClass(in: folder.appendingPathComponent("art"))
        let db = folder.appendingPathComponent("easel.sqlite").path
        #expect(
            try ReviewEndToEndTests.run(
                binary, ["import", folder.appendingPathComponent("art").path, "--class", "VLM", "--db", db]) == 0)
        let config = folder.appendingPathComponent("config.toml").path
        try """
        [review]
        scorer = "vlm"

        [vlm]
        model = "\(Self.fixture("tiny-untied-f32.gguf"))"
        mmproj = "\(Self.fixture("vision-tiny-untied-f32.gguf"))"

        """.write(toFile: config, atomically: true, encoding: .utf8)

        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(
            "'\(binary.path)' review --class VLM --db '\(db)' --graphics none; echo EXITED $?; sleep 60",
            environment: ["EASEL_CONFIG": config])
        #expect(try tmux.wait(for: "vlm tiny-untied") != nil, "the header names the model")
        try tmux.keys("j")
        #expect(try tmux.wait(for: "Bo Li") != nil, "keys answer while the model grades")
        let graded = try tmux.wait(for: "graded 3/3", timeout: 120)
        let screen = try tmux.screen()
        #expect(graded != nil, "background grading finishes: \(screen)")
        try tmux.keys("q")
        #expect(try tmux.wait(for: "EXITED 0") != nil)

        let store = try Store(path: db)
        let results = try store.results(classID: try store.requireClass("VLM").id)
        #expect(results.count == 3)
        for result in results {
            let assessment = try #require(result.latestAssessment?.assessment)
            #expect(assessment.scorerID == "vlm")
            #expect(assessment.scorerVersion.hasSuffix("+template"))
        }
    }
}
