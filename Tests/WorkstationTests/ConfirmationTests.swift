import Rubric
import Store
import TUI
import Testing

@testable import Workstation

/// Defect 8: keys that destroy work ask first, and undo has a redo.
@Suite struct ConfirmationTests {
    static func type(_ text: String, into session: inout ReviewSession) {
        for c in text { _ = session.handle(.character(c)) }
    }

    /// Accepts, then edits the colour score to 20 (an edited review, total differs from the scorer's).
    static func edited(_ fixture: SessionFixture) throws -> ReviewSession {
        var session = try fixture.session()
        _ = session.handle(.character("e"))
        _ = session.handle(.tab)
        _ = session.handle(.backspace)
        _ = session.handle(.backspace)
        type("20", into: &session)
        _ = session.handle(.enter)
        #expect(try fixture.store.review(artworkID: fixture.ids[0])?.status == .edited)
        return session
    }

    @Test("a over an edited review asks; n, Esc and other keys keep the teacher's scores, y replaces them")
    func acceptOverEdit() throws {
        let fixture = try SessionFixture()
        var session = try Self.edited(fixture)
        _ = session.handle(.character("a"))
        let prompt = try #require(session.screenModel.prompt)
        #expect(prompt.line == "Replace your edit (total 70) by the scorer's (62)?  [y] replace  [n] keep mine")
        let screen = ReviewRenderer.render(session.screenModel, rows: 24, columns: 80).grid.text
        #expect(screen.contains(prompt.line))
        #expect(screen.contains("y replace  n keep mine  Esc: keep mine"))
        for key: Key in [.enter, .character("a"), .character("j"), .character(" ")] {
            _ = session.handle(key)
            #expect(session.confirmation != nil, "\(key) must not answer")
        }
        #expect(try fixture.store.review(artworkID: fixture.ids[0])?.scores.color == 20)
        _ = session.handle(.character("n"))
        #expect(session.confirmation == nil)
        #expect(try fixture.store.review(artworkID: fixture.ids[0])?.scores.color == 20)
        _ = session.handle(.character("a"))
        _ = session.handle(.escape)
        #expect(try fixture.store.review(artworkID: fixture.ids[0])?.scores.color == 20)
        _ = session.handle(.character("a"))
        _ = session.handle(.character("Y"))
        let review = try #require(try fixture.store.review(artworkID: fixture.ids[0]))
        #expect(review.status == .accepted && review.scores == SessionFixture.scores)
        #expect(session.message?.text.hasPrefix("accepted Ana Pérez") == true)
    }

    @Test("a on an unreviewed or accepted artwork accepts at once")
    func acceptWithoutEdit() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        _ = session.handle(.character("a"))
        #expect(session.confirmation == nil)
        _ = session.handle(.character("a"))
        #expect(session.confirmation == nil)
        #expect(try fixture.store.auditEntries(artworkID: fixture.ids[0]).map(\.action) == [.accept, .accept])
    }

    @Test("Esc with unsaved critique text offers save, discard, keep editing; unchanged text just closes")
    func leaveCritique() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        _ = session.handle(.character("c"))
        _ = session.handle(.escape)
        #expect(session.confirmation == nil && session.mode == .browsing)

        _ = session.handle(.character("c"))
        Self.type(" Très bien 山", into: &session)
        _ = session.handle(.escape)
        let prompt = try #require(session.screenModel.prompt)
        #expect(prompt.line.contains("[s] save  [d] discard  [k] keep editing"))
        #expect(prompt.hints.hasSuffix("Esc: keep editing"))
        _ = session.handle(.escape)  // Esc again: keep editing
        guard case .editingCritique(let editor) = session.mode else {
            Issue.record("the editor closed")
            return
        }
        #expect(editor.text.hasSuffix("Très bien 山"))
        Self.type("!", into: &session)
        _ = session.handle(.escape)
        _ = session.handle(.character("s"))
        #expect(session.mode == .browsing)
        #expect(try fixture.store.review(artworkID: fixture.ids[0])?.critique == "The scorer's critique. Très bien 山!")

        _ = session.handle(.character("c"))
        Self.type(" gone", into: &session)
        _ = session.handle(.escape)
        _ = session.handle(.character("d"))
        #expect(session.mode == .browsing)
        #expect(try fixture.store.review(artworkID: fixture.ids[0])?.critique == "The scorer's critique. Très bien 山!")
    }

    @Test("Esc with typed scores offers save, discard, keep editing; untouched scores just close")
    func leaveScores() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        _ = session.handle(.character("e"))
        _ = session.handle(.escape)
        #expect(session.confirmation == nil && session.mode == .browsing)
        _ = session.handle(.character("e"))
        Self.type("3", into: &session)
        _ = session.handle(.escape)
        #expect(session.screenModel.prompt?.line.hasPrefix("The scores have unsaved changes.") == true)
        _ = session.handle(.character("k"))
        guard case .editingScores(let editor) = session.mode else {
            Issue.record("the score editor closed")
            return
        }
        #expect(editor.values.first == 3)
        _ = session.handle(.escape)
        _ = session.handle(.character("d"))
        #expect(session.mode == .browsing)
        #expect(try fixture.store.review(artworkID: fixture.ids[0]) == nil)
        _ = session.handle(.character("e"))
        Self.type("3", into: &session)
        _ = session.handle(.escape)
        _ = session.handle(.character("s"))
        #expect(try fixture.store.review(artworkID: fixture.ids[0])?.scores.originality == 3)
    }

    @Test("U and Ctrl-R redo what u undid, audited as redo; a new change ends the redo chain")
    func redo() throws {
        let fixture = try SessionFixture()
        var session = try Self.edited(fixture)
        let id = fixture.ids[0]
        _ = session.handle(.character("u"))
        #expect(try fixture.store.review(artworkID: id) == nil)
        _ = session.handle(.character("U"))
        #expect(try fixture.store.review(artworkID: id)?.scores.color == 20)
        #expect(session.message?.text == "redone for Ana Pérez: edited again, total 70")
        _ = session.handle(.character("u"))
        _ = session.handle(.control("r"))
        #expect(try fixture.store.review(artworkID: id)?.scores.color == 20)
        _ = session.handle(.character("U"))
        #expect(session.message?.isError == true)
        #expect(try fixture.store.auditEntries(artworkID: id).map(\.action) == [.edit, .undo, .redo, .undo, .redo])
        _ = session.handle(.character("u"))
        _ = session.handle(.character("a"))  // a new change: nothing left to redo
        _ = session.handle(.character("U"))
        #expect(session.message?.text.hasPrefix("nothing to redo") == true)
        #expect(try fixture.store.review(artworkID: id)?.status == .accepted)
    }
}
