import Rubric
import Store
import TUI
import Testing

@testable import Workstation

@Suite struct ReviewSessionTests {
    static func type(_ text: String, into session: inout ReviewSession) {
        for c in text { _ = session.handle(.character(c)) }
    }

    @Test("accept stores the scorer's values as the review, with an audit entry, before confirming")
    func accept() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        #expect(session.currentID == fixture.ids[0])
        _ = session.handle(.character("a"))
        #expect(session.message?.isError == false)
        let review = try #require(try fixture.store.review(artworkID: fixture.ids[0]))
        #expect(review.status == .accepted && review.scores == SessionFixture.scores)
        #expect(try fixture.store.auditEntries(artworkID: fixture.ids[0]).map(\.action) == [.accept])
        #expect(session.screenModel.item?.status == .accepted)
    }

    @Test("editing a score refuses values above 20, saves on Enter, and undo restores the accept")
    func editAndUndo() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        _ = session.handle(.character("a"))
        _ = session.handle(.character("e"))
        _ = session.handle(.tab)
        _ = session.handle(.backspace)
        _ = session.handle(.backspace)
        Self.type("25", into: &session)
        guard case .editingScores(let editor) = session.mode else { Issue.record("not editing"); return }
        #expect(editor.refusal == "Color must be 0–20; 25 refused")
        #expect(editor.total == SessionFixture.scores.total - 12 + 2)
        _ = session.handle(.character("0"))
        _ = session.handle(.enter)
        let edited = try #require(try fixture.store.review(artworkID: fixture.ids[0]))
        #expect(edited.status == .edited && edited.scores.color == 20)
        #expect(session.screenModel.item?.teacherScores?.color == 20)
        _ = session.handle(.character("u"))
        let restored = try #require(try fixture.store.review(artworkID: fixture.ids[0]))
        #expect(restored.status == .accepted && restored.scores.color == 12)
        #expect(try fixture.store.auditEntries(artworkID: fixture.ids[0]).map(\.action) == [.accept, .edit, .undo])
    }

    @Test("the critique editor saves with Ctrl-S and cancels with Esc, then d (discard)")
    func critique() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        _ = session.handle(.character("c"))
        Self.type(" Très bien 山", into: &session)
        _ = session.handle(.escape)
        _ = session.handle(.character("d"))
        #expect(session.mode == .browsing)
        #expect(try fixture.store.review(artworkID: fixture.ids[0]) == nil)
        _ = session.handle(.character("c"))
        Self.type(" Très bien 山", into: &session)
        _ = session.handle(.control("s"))
        let review = try #require(try fixture.store.review(artworkID: fixture.ids[0]))
        #expect(review.critique == "The scorer's critique. Très bien 山")
        #expect(review.status == .edited)
    }

    @Test("an ungraded artwork says not graded yet and cannot be accepted")
    func ungraded() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        _ = session.handle(.character("G"))
        #expect(session.currentID == fixture.ids[2])
        guard case .notGraded = session.screenModel.item?.grade else {
            Issue.record("expected not graded")
            return
        }
        #expect(session.screenModel.item?.shownScores == nil)
        _ = session.handle(.character("a"))
        #expect(session.message?.isError == true)
        #expect(try fixture.store.review(artworkID: fixture.ids[2]) == nil)
    }

    @Test("n goes to the next unreviewed artwork, and a new session resumes at the first unreviewed")
    func resume() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        _ = session.handle(.character("a"))
        _ = session.handle(.character("n"))
        #expect(session.currentID == fixture.ids[1])
        _ = session.handle(.character("a"))
        let reopened = try fixture.session()
        #expect(reopened.currentID == fixture.ids[2])
        #expect(reopened.reviewedCount == 2)
    }

    @Test("the filter shows unreviewed, edited, or a student's name")
    func filter() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        _ = session.handle(.character("/"))
        Self.type("li", into: &session)
        _ = session.handle(.enter)
        #expect(session.visible.count == 1)
        #expect(session.current?.studentName == "Bo Li")
        _ = session.handle(.character("/"))
        Self.type("edited", into: &session)
        _ = session.handle(.enter)
        #expect(session.visible.isEmpty)
        #expect(session.screenModel.item == nil)
        _ = session.handle(.character("/"))
        _ = session.handle(.enter)
        #expect(session.visible.count == 3)
        #expect(ReviewFilter(parsing: "Unreviewed") == .unreviewed)
    }

    @Test("q quits, ? opens help, r asks for a regrade, C asks for the external editor")
    func effects() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        #expect(session.handle(.character("?")) == .redraw)
        #expect(session.mode == .help)
        _ = session.handle(.character("x"))
        #expect(session.mode == .browsing)
        #expect(session.handle(.character("r")) == .regrade(fixture.ids[0]))
        #expect(session.handle(.character("C")) == .externalEdit("The scorer's critique."))
        #expect(session.handle(.character("q")) == .quit)
    }

    @Test("the critique editor moves by the lines shown at the screen's width")
    func editorFitsScreen() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        _ = session.handle(.character("c"))
        session.fit(ReviewLayout(rows: 24, columns: 80))
        guard case .editingCritique(let editor) = session.mode else {
            Issue.record("not editing")
            return
        }
        #expect(editor.width == ReviewLayout(rows: 24, columns: 80).critiqueWidth)
        _ = session.handle(.escape)
        _ = session.handle(.pageDown)
        session.fit(ReviewLayout(rows: 24, columns: 80))
        #expect(session.critiqueScroll == 0, "a short critique does not scroll")
    }
}

@Suite struct ExternalEditorTests {
    @Test("the external editor edits a private temporary file and returns its text")
    func editsThroughTheEditor() throws {
        let edited = try ExternalEditor.edit("Bon travail", environment: ["EDITOR": "sed -i -e 's/$/ — 山/'"])
        #expect(edited == "Bon travail — 山")
        #expect(throws: WorkstationError.self) { try ExternalEditor.edit("x", environment: ["EDITOR": "false"]) }
    }
}

@Suite struct MouseTests {
    @Test("a click on a sub-score edits it, the wheel moves between artworks, clicks follow the drawn frame")
    func clicks() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        let frame = ReviewRenderer.render(session.screenModel, rows: 24, columns: 80)
        let colorRow = try #require(frame.targets.first { $0.kind == .dimension(.color) }).rect
        #expect(frame.grid.line(colorRow.row).contains("Color"))
        _ = session.click(frame.target(row: colorRow.row, column: colorRow.column + 2), button: .left)
        guard case .editingScores(let editor) = session.mode else {
            Issue.record("a click on Color should edit scores")
            return
        }
        #expect(editor.focusedDimension == .color)
        _ = session.handle(.escape)
        _ = session.click(frame.target(row: 5, column: 5), button: .wheelDown)
        #expect(session.currentID == fixture.ids[1])
        _ = session.click(nil, button: .wheelUp)
        #expect(session.currentID == fixture.ids[0])
    }
}
