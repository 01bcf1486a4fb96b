import Foundation
import Rubric
import Store
import TUI
import Testing

@testable import Workstation

/// The overview, compare, find, rubric card, accept-and-next and the wider filter, on the session without a terminal.
@Suite struct TeacherViewTests {
    func type(_ text: String, into session: inout ReviewSession) {
        for character in text { _ = session.handle(.character(character)) }
    }

    @Test("o opens the overview on the current artwork; s sorts by name, total, each dimension, status; Enter opens")
    func overview() throws {
        let fixture = try SessionFixture()
        try fixture.store.saveReview(
            artworkID: fixture.ids[1], scores: try Scores([20, 20, 20, 20, 20]), critique: "Mine.")
        var session = try fixture.session()
        #expect(session.current?.studentName == "Ana Pérez")
        #expect(session.handle(.character("o")) == .redraw)
        var model = try #require(session.overviewModel(graphics: false))
        #expect(model.tiles.map(\.student) == ["Ana Pérez", "Bo Li", "Chen Wei"])
        #expect(model.cursor == 0 && model.sort == .name)
        #expect(model.histogram[9] == 1 && model.histogram[6] == 1, "62 and 100; the ungraded one is not counted")
        #expect(model.means?[.originality] == 17)
        _ = session.handle(.character("s"))
        model = try #require(session.overviewModel(graphics: false))
        #expect(model.sort == .total)
        #expect(model.tiles.map(\.student) == ["Bo Li", "Ana Pérez", "Chen Wei"], "high to low, ungraded last")
        for expected in [OverviewSort.originality, .color, .texture, .composition, .content, .status, .name] {
            _ = session.handle(.character("s"))
            #expect(session.overviewModel(graphics: false)?.sort == expected)
        }
        #expect(
            OverviewSort.status.sorted(model.tiles).map(\.status) == [.unreviewed, .unreviewed, .edited],
            "unreviewed first")
        _ = session.handle(.right)
        _ = session.handle(.right)
        #expect(session.overviewModel(graphics: false)?.cursor == 2)
        #expect(session.handle(.enter) == .redraw)
        #expect(session.view == .review)
        #expect(session.current?.studentName == "Chen Wei")
        _ = session.handle(.character("o"))
        #expect(session.handle(.escape) == .redraw)
        #expect(session.view == .review && session.current?.studentName == "Chen Wei", "Esc goes back unchanged")
    }

    @Test("the overview renders tiles with name, total and status, the histogram and the means, without a terminal")
    func overviewRenderer() throws {
        let tiles = [
            ArtworkSummary(
                id: 1, student: "Zoë Ångström", title: "Fjord", scores: try Scores([17, 16, 15, 14, 13]),
                status: .accepted),
            ArtworkSummary(
                id: 2, student: "王小明", title: "Hills", scores: try Scores([4, 4, 4, 4, 4]), status: .unreviewed),
            ArtworkSummary(id: 3, student: "Bo", title: "Noon", scores: nil, status: .unreviewed),
        ]
        let model = OverviewModel(className: "7B", tiles: tiles, cursor: 1, sort: .total, graphics: true)
        let frame = OverviewRenderer.render(model, rows: 30, columns: 110)
        let text = frame.grid.text
        #expect(text.contains("Overview · 7B · 3 artworks · 1 reviewed · sorted by total"))
        #expect(text.contains("Zoë Ångström") && text.contains("▶王小明"), "the cursor's tile is marked")
        #expect(text.contains(" 75 ✓ strong") && text.contains(" 20 · beginning") && text.contains(" – · not graded"))
        #expect(text.contains("Totals (2 graded)") && text.contains("Class mean (0–20)"))
        #expect(text.contains("Originality ") && text.contains(" 10.5"))
        #expect(frame.pictures.map(\.id) == [1, 2, 3])
        #expect(frame.pictures[0].box == Rect(row: 1, column: 1, width: 15, height: 6))
        #expect(frame.grid.contains(role: .image))
        let narrow = OverviewRenderer.render(model, rows: 24, columns: 80)
        #expect(OverviewRenderer.grid(rows: 24, columns: 80) == (2, 2))
        #expect(narrow.pictures.count == 3)
        #expect(
            OverviewRenderer.render(
                OverviewModel(className: "7B", tiles: tiles, graphics: false), rows: 24, columns: 80
            ).pictures.isEmpty)
    }

    @Test("v compares the current artwork with the next; j/k change the other one; Enter opens it")
    func compare() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        _ = session.handle(.character("v"))
        var sides = try #require(session.compareSides)
        #expect(sides.left.student == "Ana Pérez" && sides.right?.student == "Bo Li")
        _ = session.handle(.character("j"))
        sides = try #require(session.compareSides)
        #expect(sides.right?.student == "Chen Wei")
        _ = session.handle(.character("j"))
        #expect(session.compareSides?.right?.student == "Bo Li", "wraps around, skipping the current one")
        let frame = CompareRenderer.render(
            left: sides.left, right: sides.right, className: "7B", graphics: true, rows: 30, columns: 100)
        #expect(frame.grid.text.contains("Ana Pérez") && frame.grid.text.contains("Chen Wei"))
        #expect(
            frame.grid.text.contains("Total 62 competent · unreviewed") && frame.grid.text.contains("Not graded yet"))
        #expect(frame.pictures.map(\.id) == [sides.left.id, sides.right!.id])
        _ = session.handle(.enter)
        #expect(session.view == .review && session.current?.studentName == "Bo Li")
    }

    @Test("f finds a student by part of the name, accents and case ignored, even when the filter hides them")
    func find() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        _ = session.handle(.character("/"))
        type("bo", into: &session)
        _ = session.handle(.enter)
        #expect(session.visible.count == 1)
        _ = session.handle(.character("f"))
        type("PEREZ", into: &session)
        #expect(session.findPrompt?.text == "find student: PEREZ   → Ana Pérez")
        _ = session.handle(.enter)
        #expect(session.current?.studentName == "Ana Pérez")
        #expect(session.filter == .all, "the filter was cleared to show her")
        _ = session.handle(.character("f"))
        type("nobody", into: &session)
        _ = session.handle(.enter)
        #expect(session.message == StatusMessage("no student matches “nobody”", isError: true))
        _ = session.handle(.character("f"))
        _ = session.handle(.escape)
        #expect(session.view == .review && session.findPrompt == nil)
    }

    @Test("A accepts and moves to the next unreviewed; accept_moves_on makes a do the same")
    func acceptAndNext() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        _ = session.handle(.character("A"))
        #expect(try fixture.store.review(artworkID: fixture.ids[0])?.status == .accepted)
        #expect(session.current?.studentName == "Bo Li")
        #expect(session.message?.text.hasPrefix("accepted Ana Pérez") == true)
        session.acceptMovesOn = true
        _ = session.handle(.character("a"))
        #expect(try fixture.store.review(artworkID: fixture.ids[1])?.status == .accepted)
        #expect(session.current?.studentName == "Chen Wei")
        _ = session.handle(.character("A"))
        #expect(session.message?.isError == true, "not graded: nothing to accept, and no move")
        #expect(session.current?.studentName == "Chen Wei")
    }

    @Test("the filter matches accepted, edited, unreviewed, titles and description words")
    func widerFilter() throws {
        let fixture = try SessionFixture()
        try fixture.store.accept(artworkID: fixture.ids[0])
        var session = try fixture.session()
        for (text, expected) in [("accepted", ["Ana Pérez"]), ("work 1", ["Bo Li"]), ("DESCRIPTION 2", ["Chen Wei"])] {
            _ = session.handle(.character("/"))
            type(text, into: &session)
            _ = session.handle(.enter)
            _ = session.handle(.character("g"))
            #expect(session.visible.map { session.results[$0].studentName } == expected, "\(text)")
        }
        #expect(ReviewFilter(parsing: "accepted") == .accepted)
    }

    @Test("b shows the rubric card with every dimension and band; any key closes it")
    func rubricCard() throws {
        let fixture = try SessionFixture()
        var session = try fixture.session()
        #expect(session.handle(.character("b")) == .redraw)
        var frame = ReviewRenderer.render(session.screenModel, rows: 30, columns: 100)
        TeacherViewPainter.decorate(&frame, session: session)
        let text = frame.grid.text
        #expect(text.contains("Rubric"))
        for dimension in Rubric.Dimension.allCases { #expect(text.contains(dimension.title)) }
        #expect(text.contains("17–20") && text.contains("exceptional") && text.contains("0–4"))
        #expect(frame.imageBox == nil)
        #expect(session.handle(.character("x")) == .redraw)
        #expect(session.view == .review)
    }
}
