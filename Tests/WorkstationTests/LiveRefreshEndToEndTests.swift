import EaselTestSupport
import Foundation
import Rubric
import Store
import Testing

/// The real `easel review` in tmux while another connection writes (as `easel grade --force` in another
/// terminal does): the open review shows the change without a key, and `a` stores what the screen shows.
@Suite(.serialized) struct LiveRefreshEndToEndTests {
    @Test("a new assessment written elsewhere appears in the open review; a then accepts exactly that one")
    func liveRefresh() throws {
        guard Tmux.available, let binary = ReviewEndToEndTests.binary else {
            print("skipped: needs /usr/bin/tmux and a built easel (swift build) under .build")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-live-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ReviewEndToEndTests.makeClass(in: folder.appendingPathComponent("art"))
        let db = folder.appendingPathComponent("easel.sqlite").path
        let art = folder.appendingPathComponent("art").path
        #expect(try ReviewEndToEndTests.run(binary, ["import", art, "--class", "LIVE", "--db", db]) == 0)
        #expect(try ReviewEndToEndTests.run(binary, ["grade", "--class", "LIVE", "--db", db]) == 0)

        let tmux = Tmux()
        defer { tmux.kill() }
        let command = "'\(binary.path)' review --class LIVE --db '\(db)' --graphics none --scorer none"
        try tmux.start(command + "; echo EXITED $?; sleep 60")
        #expect(try tmux.wait(for: "Ana Pérez") != nil)

        let other = try Store(path: db)
        let artwork = try #require(try other.artworks(classID: try other.requireClass("LIVE").id).first)
        let newer = try other.addAssessment(
            Assessment(
                scores: try Scores([20, 20, 20, 20, 19]), critique: "Written elsewhere.", scorerID: "builtin",
                scorerVersion: "elsewhere", duration: 0),
            artworkID: artwork.id)
        #expect(try tmux.wait(for: "changed elsewhere", timeout: 10) != nil, "picked up without a key")
        #expect(try tmux.wait(for: "Written elsewhere.", timeout: 5) != nil)
        try tmux.keys("a")
        #expect(try tmux.wait(for: "accepted Ana Pérez: total 99") != nil)
        try tmux.keys("q")
        #expect(try tmux.wait(for: "EXITED 0") != nil)
        #expect(try other.review(artworkID: artwork.id)?.assessmentID == newer.id)
    }
}
