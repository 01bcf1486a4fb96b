import EaselTestSupport
import Foundation
import Rubric
import Store
import Testing

/// Drives `easel review` in tmux: a score edit rewrites the critique's band words and total; a critique the
/// teacher edited keeps their words, the screen warns where it contradicts the scores, and `w` mends it.
@Suite(.serialized) struct CritiqueSyncEndToEndTests {
    @Test(
        "editing scores updates the quoted band words and total; an edited critique that contradicts shows the warning",
        .enabled(if: TestEnvironment.canDriveReview, "needs /usr/bin/tmux and a built easel"))
    func followsScores() throws {
        let binary = try #require(TestEnvironment.easelBinary)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-sync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ReviewEndToEndTests.makeClass(in: folder.appendingPathComponent("art"))
        let db = folder.appendingPathComponent("easel.sqlite").path
        #expect(
            try ReviewEndToEndTests.run(
                binary, ["import", folder.appendingPathComponent("art").path, "--class", "Sync", "--db", db]) == 0)
        #expect(try ReviewEndToEndTests.run(binary, ["grade", "--class", "Sync", "--db", db]) == 0)
        let store = try Store(path: db)
        let classID = try store.requireClass("Sync").id
        let first = try #require(try store.results(classID: classID).first)
        let graded = try #require(first.latestAssessment?.assessment)
        #expect(graded.critiqueParts?.text(for: graded.scores) == graded.critique)
        // A colour score in another band, so the critique's colour word must change.
        let colour = graded.scores.color >= 9 ? 3 : 15
        var expected = graded.scores
        expected.color = colour

        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(
            "'\(binary.path)' review --class Sync --db '\(db)' --graphics none --scorer none; echo EXITED $?; sleep 60",
            columns: 120, rows: 40)
        #expect(try tmux.wait(for: "Ana Pérez") != nil)
        try tmux.keys("e", "Tab", "BSpace", "BSpace")
        try tmux.literal(String(colour))
        try tmux.keys("Enter")
        #expect(try tmux.wait(for: "saved scores for Ana") != nil)
        let afterScores = try #require(try store.results(classID: classID).first?.review)
        #expect(afterScores.scores == expected)
        #expect(afterScores.critique.contains("Colour is \(expected.band(.color).word)"), "\(afterScores.critique)")
        #expect(afterScores.critique.contains("\(expected.total) out of 100"), "\(afterScores.critique)")
        #expect(CritiqueCheck.contradictions(afterScores.critique, scores: expected).isEmpty)
        let shown = try tmux.screen()
        #expect(!shown.contains("critique and scores disagree"), "\(shown)")

        // The teacher adds words of their own; then changes the colour again.
        try tmux.keys("c", "End")
        try tmux.literal(" Lovely work.")
        try tmux.keys("C-s")
        #expect(try tmux.wait(for: "saved critique for Ana") != nil)
        let second = colour == 3 ? 19 : 1
        try tmux.keys("e", "Tab", "BSpace", "BSpace")
        try tmux.literal(String(second))
        try tmux.keys("Enter")
        let warned = try tmux.wait(for: "critique and scores disagree")
        let screen = try tmux.screen()
        #expect(warned != nil, "\(screen)")
        let kept = try #require(try store.results(classID: classID).first?.review)
        #expect(kept.critique.hasSuffix("Lovely work."), "the teacher's words are kept: \(kept.critique)")
        #expect(!CritiqueCheck.contradictions(kept.critique, scores: kept.scores).isEmpty)

        try tmux.keys("w")
        #expect(try tmux.wait(for: "saved critique rewritten from the scores") != nil)
        let mended = try #require(try store.results(classID: classID).first?.review)
        #expect(mended.critique.hasSuffix("Lovely work."), "\(mended.critique)")
        #expect(mended.critique.contains("Colour is \(mended.scores.band(.color).word)"), "\(mended.critique)")
        #expect(mended.critique.contains("\(mended.scores.total) out of 100"), "\(mended.critique)")
        #expect(CritiqueCheck.contradictions(mended.critique, scores: mended.scores).isEmpty)
        let after = try tmux.screen()
        #expect(!after.contains("critique and scores disagree"), "\(after)")
        try tmux.keys("q")
        #expect(try tmux.wait(for: "EXITED 0") != nil)
    }
}
