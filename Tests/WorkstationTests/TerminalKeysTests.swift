import EaselTestSupport
import Foundation
import Store
import Testing

/// Defect 8 through a real terminal: Home, End and the other keys work under tmux whatever TERM says
/// (tmux sends ESC [ 1 ~ for Home, which TERM=xterm-256color spells ESC O H), and the keys that would
/// destroy work ask first. Drives the real `easel review` in tmux.
@Suite(.serialized) struct TerminalKeysTests {
    @Test(
        "Home/End/PgUp/PgDn/Delete keep the critique editor open and edit; Esc asks; redo works",
        .enabled(if: TestEnvironment.canDriveReview, "needs /usr/bin/tmux and a built easel"),
        arguments: ["xterm-256color", "tmux-256color", "screen-256color"])
    func keys(term: String) throws {
        let binary = try #require(ReviewEndToEndTests.binary)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ReviewEndToEndTests.makeClass(in: folder.appendingPathComponent("art"))
        let db = folder.appendingPathComponent("easel.sqlite").path
        let art = folder.appendingPathComponent("art").path
        #expect(try ReviewEndToEndTests.run(binary, ["import", art, "--class", "K", "--db", db]) == 0)
        #expect(try ReviewEndToEndTests.run(binary, ["grade", "--class", "K", "--db", db]) == 0)
        let store = try Store(path: db)
        let first = try store.results(classID: try store.requireClass("K").id)[0]
        let original = try #require(first.latestAssessment?.assessment.critique)

        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(
            "env TERM=\(term) '\(binary.path)' review --class K --db '\(db)' --graphics none --scorer none; "
                + "echo EXITED $?; sleep 60", columns: 100, rows: 30)
        #expect(try tmux.wait(for: "Ana Pérez — “Dawn”") != nil, "\(term): the review opens")
        try tmux.keys("End")
        #expect(try tmux.wait(for: "Chen Wei — “Dusk”") != nil, "\(term): End goes to the last artwork")
        try tmux.keys("Home")
        #expect(try tmux.wait(for: "Ana Pérez — “Dawn”") != nil, "\(term): Home goes to the first artwork")

        try tmux.keys("c", "Home")
        try tmux.literal("X")
        try tmux.keys("End")
        try tmux.literal("Y")
        try tmux.keys("PageUp", "PageDown", "Left", "DC", "Right")
        try tmux.literal("Z")
        #expect(try tmux.wait(for: "Critique (editing)") != nil, "\(term): the editor is still open")
        try tmux.keys("Escape")
        #expect(try tmux.wait(for: "[s] save  [d] discard  [k] keep editing") != nil, "\(term): Esc asks")
        try tmux.keys("k")
        try tmux.keys("C-s")
        let saved = try tmux.wait(for: "saved critique for Ana Pérez")
        let screen = try tmux.screen()
        #expect(saved != nil, "\(term): \(screen)")
        let critique = try #require(try store.review(artworkID: first.artwork.id)?.critique)
        #expect(critique.hasSuffix("Z") && critique.contains("X"), "\(term): \(critique)")
        #expect(critique.replacingOccurrences(of: "X", with: "").dropLast() == original, "\(term): only X and Z added")
        #expect(!critique.contains("[1~") && !critique.contains("[4~") && !critique.contains("OH"))

        try tmux.keys("u")
        #expect(try tmux.wait(for: "undone for Ana Pérez") != nil)
        try tmux.keys("C-r")
        #expect(try tmux.wait(for: "redone for Ana Pérez") != nil, "\(term): Ctrl-R redoes")
        try tmux.keys("a")
        #expect(try tmux.wait(for: "[y] replace  [n] keep mine") != nil, "\(term): a over an edit asks")
        try tmux.keys("Enter", "n")
        #expect(try tmux.wait(for: "kept your review") != nil)
        try tmux.keys("q")
        #expect(try tmux.wait(for: "EXITED 0") != nil)
        #expect(try store.review(artworkID: first.artwork.id)?.critique == critique)
        #expect(try store.auditProblems() == [])
    }
}
