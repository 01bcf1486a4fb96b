import Foundation
import Rubric
import Store
import TUI
import TerminalGraphics
import Testing

@testable import Workstation

/// Two review windows on one class, each with its own connection as two processes have.
@Suite struct ConcurrentReviewTests {
    static func assessment(_ values: [Int], _ critique: String) throws -> Assessment {
        Assessment(
            scores: try Scores(values), critique: critique, scorerID: "builtin", scorerVersion: "1", duration: 0.1)
    }

    @Test("a after a regrade elsewhere is refused in one line and shows the new assessment; a again accepts it")
    func acceptAfterRegrade() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        let id = try #require(session.current?.artwork.id)
        #expect(session.current?.latestAssessment?.assessment.total == 62)
        // `easel grade --force` in another terminal.
        let other = try Store(path: fixture.store.path)
        let newer = try other.addAssessment(
            try Self.assessment([10, 11, 11, 11, 11], "Another critique."), artworkID: id)
        _ = session.handle(.character("a"))
        let message = try #require(session.message)
        #expect(message.isError && message.text.contains("changed elsewhere") && !message.text.contains("\n"))
        #expect(message.text.contains("scorer total 54"), "\(message.text)")
        #expect(try fixture.store.review(artworkID: id) == nil, "nothing stored")
        #expect(session.current?.latestAssessment?.id == newer.id, "the screen shows the current state")
        _ = session.handle(.character("a"))
        #expect(session.message?.text == "accepted Ana Pérez: total 54")
        #expect(try fixture.store.review(artworkID: id)?.assessmentID == newer.id)
    }

    @Test("B's stale critique edit and B's u are refused; A's scores and accept stay; B then shows them")
    func twoSessions() throws {
        let fixture = try SessionFixture()
        var a = try fixture.session()
        var b = try ReviewSession(
            store: try Store(path: fixture.store.path), classRecord: fixture.classRecord, scorerName: "builtin",
            graphics: .none)
        var c = try ReviewSession(
            store: try Store(path: fixture.store.path), classRecord: fixture.classRecord, scorerName: "builtin",
            graphics: .none)
        let id = try #require(a.current?.artwork.id)
        _ = a.handle(.character("e"))
        _ = a.handle(.backspace)
        _ = a.handle(.backspace)
        _ = a.handle(.character("0"))
        _ = a.handle(.enter)
        #expect(a.message?.text == "saved scores for Ana Pérez: total 48")
        _ = b.handle(.character("c"))
        _ = b.handle(.character("!"))
        _ = b.handle(.control("s"))
        #expect(b.message?.isError == true && b.message?.text.contains("changed elsewhere") == true)
        #expect(b.message?.text.contains("now edited, total 48") == true, "\(b.message?.text ?? "")")
        #expect(try fixture.store.review(artworkID: id)?.scores.total == 48)
        #expect(b.mode != .browsing, "the refused critique stays in the editor, not lost")

        // A undoes its edit and accepts; C, still showing the artwork unreviewed, presses u.
        let watcher = try ChangeWatcher(store: c.store)
        _ = a.handle(.character("u"))
        _ = a.handle(.character("a"))
        let accepted = try fixture.store.review(artworkID: id)
        #expect(accepted?.status == .accepted)
        _ = c.handle(.character("u"))
        #expect(c.message?.isError == true && c.message?.text.contains("not undone") == true)
        #expect(c.message?.text.contains("now accepted, total 62") == true, "\(c.message?.text ?? "")")
        #expect(try fixture.store.review(artworkID: id)?.status == .accepted, "B's u did not undo A's accept")
        // Live refresh: C picks up A's next change (undoing the accept) without a key.
        _ = a.handle(.character("u"))
        let refreshed = c.refreshIfChanged(watcher)
        #expect(refreshed)
        #expect(c.current?.status == .unreviewed)
        #expect(c.message?.text.contains("changed elsewhere") == true)
        let again = c.refreshIfChanged(watcher)
        #expect(!again, "nothing new")
    }

    @Test("x asks first; n keeps the artwork; y removes it (recoverably, audited) and moves on")
    func removeKey() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        let id = try #require(session.current?.artwork.id)
        _ = session.handle(.character("x"))
        #expect(session.confirmation?.prompt.question.hasPrefix("Remove Ana Pérez (art0.png) from 7B?") == true)
        _ = session.handle(.character("j"))
        #expect(session.current?.artwork.id == id, "the question takes every key until answered")
        _ = session.handle(.character("n"))
        #expect(session.message?.text == "kept Ana Pérez; nothing changed")
        #expect(session.results.count == 3)
        _ = session.handle(.character("x"))
        _ = session.handle(.character("y"))
        #expect(session.results.count == 2)
        #expect(session.current?.studentName == "Bo Li")
        #expect(session.message?.text.contains("easel remove --restore --class 7B art0.png") == true)
        #expect(try fixture.store.auditEntries(artworkID: id).map(\.action) == [.hide])
        try fixture.store.restoreArtwork(artworkID: id)
        try session.reload()
        #expect(session.results.count == 3)
    }

    @Test("a picture whose file changed since import is not drawn beside the scores")
    func changedFileNotShown() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-pic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.png").path
        try Data("first picture".utf8).write(to: URL(fileURLWithPath: file))
        let hash = ArtworkFile.sha256Hex(Data("first picture".utf8))
        try Data("another picture".utf8).write(to: URL(fileURLWithPath: file))
        let request = PreviewCache.Request(
            artworkID: 1, path: file, mode: .trueColorBlocks, cells: PixelSize(width: 20, height: 10),
            cellSize: PixelSize(width: 8, height: 16), maxSixelSize: nil, background: RGB(0, 0, 0), sha256: hash)
        guard case .failed(let why) = PreviewCache.render(request) else {
            Issue.record("a changed file was drawn")
            return
        }
        #expect(why.contains("changed since it was imported"))
    }
}
