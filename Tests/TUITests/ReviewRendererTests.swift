import Rubric
import TUI
import TerminalGraphics
import Testing

@Suite struct ReviewRendererTests {
    @Test(
        "the review screen lays out header, artwork box, scores, critique and key hints",
        arguments: [
            (24, 80), (40, 120), (60, 200),
        ])
    func sizes(rows: Int, columns: Int) throws {
        let frame = ReviewRenderer.render(Fixtures.screen(Fixtures.item()), rows: rows, columns: columns)
        let text = frame.grid.text
        #expect(frame.grid.line(0).hasPrefix(" Easel · 7B Art · 3/12 · reviewed 2/12 · scorer builtin"))
        #expect(text.contains("Ana Pérez — “Garlic”"))
        #expect(text.contains("Total       62 /100  competent"))
        for dimension in Dimension.allCases { #expect(text.contains(dimension.title)) }
        #expect(text.contains("Composition █"))
        #expect(text.contains("── Critique (builtin 1.0)"))
        #expect(text.contains("The composition is strong"))
        #expect(frame.grid.line(rows - 1).hasPrefix(" j/k move"))
        let box = try #require(frame.imageBox)
        #expect(box.bottom <= rows - 2, "the picture must end at least one row above the last")
        #expect(box.width >= 28 && box.height >= 18)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(DisplayWidth.of(String(line)) <= columns)
        }
    }

    @Test("header shows grading progress with rate and time left")
    func gradingProgress() {
        let frame = ReviewRenderer.render(Fixtures.screen(Fixtures.item()), rows: 40, columns: 120)
        #expect(frame.grid.line(0).contains("graded 5/12 · 2.5/min · ~2m left"))
    }

    @Test("below 80×24 the screen says it is too small and shows no picture")
    func tooSmall() {
        let frame = ReviewRenderer.render(Fixtures.screen(Fixtures.item()), rows: 20, columns: 70)
        #expect(frame.grid.text.contains("Terminal too small"))
        #expect(frame.grid.text.contains("70×20; Easel needs at least 80×24."))
        #expect(frame.imageBox == nil)
    }

    @Test("values the teacher changed are marked with the scorer's value beside them")
    func editedMarkers() throws {
        var teacher = Fixtures.model
        teacher.color = 18
        let item = Fixtures.item(status: .edited, teacher: teacher, critique: "My own words.")
        let text = ReviewRenderer.render(Fixtures.screen(item), rows: 24, columns: 80).grid.text
        #expect(text.contains("✎ edited"))
        #expect(text.contains("68 /100  strong  ✎ scorer 62"))
        let colorLine = try #require(text.split(separator: "\n").first { $0.contains("Color ") })
        #expect(colorLine.contains("18 exceptional ✎12"))
        let textureLine = try #require(text.split(separator: "\n").first { $0.contains("Texture ") })
        #expect(!textureLine.contains("✎"))
        #expect(text.contains("── Critique (teacher)"))
        #expect(text.contains("My own words."))
    }

    @Test("an artwork without an assessment says so and shows no numbers")
    func notGraded() {
        var item = Fixtures.item()
        item.grade = .notGraded("waiting for the scorer")
        item.modelScores = nil
        item.modelCritique = nil
        let text = ReviewRenderer.render(Fixtures.screen(item), rows: 24, columns: 80).grid.text
        #expect(text.contains("Not graded yet"))
        #expect(text.contains("waiting for the scorer"))
        #expect(!text.contains("/100"))
        #expect(text.contains("No critique yet."))
    }

    @Test("long and Unicode text is wrapped by display width and never breaks a column")
    func unicodeText() {
        let long = String(repeating: "色彩が豊かで、構図も面白い。 ", count: 20) + "Café crème 🎨 done."
        let item = Fixtures.item(
            student: "王小明 José 👩‍🎨", title: "山と川 — a very long title that will not fit anywhere at all",
            description: "Ｆｕｌｌｗｉｄｔｈ and e\u{301}  accents, with \u{1B}[31mred\u{1B}[0m escape and \u{7} bell",
            status: .accepted, teacher: Fixtures.model, critique: long)
        for (rows, columns) in [(24, 80), (40, 120), (60, 200)] {
            let frame = ReviewRenderer.render(Fixtures.screen(item), rows: rows, columns: columns)
            let text = frame.grid.text
            #expect(text.contains("王小明 José"))
            #expect(!text.contains("\u{1B}") && !text.contains("\u{7}"))
            #expect(text.contains("␛[31mred␛[0m"), "escape sequences show as inert Control Pictures")
            for row in 0..<rows {
                #expect(DisplayWidth.of(frame.grid.line(row)) == columns, "row \(row) is \(frame.grid.line(row))")
            }
        }
        let small = ReviewRenderer.render(Fixtures.screen(item), rows: 24, columns: 80).grid.text
        #expect(small.contains("↓"), "a critique longer than its pane offers scrolling")
    }

    @Test("score editing recomputes the total as typed and marks the focused field")
    func scoreEditing() {
        var editor = ScoreEditor(scores: Fixtures.model)
        editor.handle(.backspace)
        editor.handle(.backspace)
        editor.handle(.character("2"))
        editor.handle(.character("0"))
        var screen = Fixtures.screen(Fixtures.item())
        screen.mode = .editingScores(editor)
        let frame = ReviewRenderer.render(screen, rows: 24, columns: 80)
        #expect(frame.grid.text.contains("Total       68 /100  strong"))
        #expect(frame.grid.cursor != nil)
        editor.handle(.character("5"))
        #expect(editor.refusal == "Originality must be 0–20; 205 refused")
        screen.mode = .editingScores(editor)
        let refused = ReviewRenderer.render(screen, rows: 24, columns: 80)
        #expect(refused.grid.line(22).contains("Originality must be 0–20; 205 refused"))
    }

    @Test("the help overlay lists the keys and hides the picture")
    func helpOverlay() {
        var screen = Fixtures.screen(Fixtures.item())
        screen.mode = .help
        let frame = ReviewRenderer.render(screen, rows: 24, columns: 80)
        #expect(frame.imageBox == nil)
        #expect(frame.grid.text.contains("next unreviewed artwork"))
        #expect(frame.grid.text.contains("undo the last change to this artwork"))
    }

    @Test("with pictures off the artwork pane shows file facts and reserves no box")
    func noGraphics() {
        let frame = ReviewRenderer.render(Fixtures.screen(Fixtures.item(), graphics: .none), rows: 24, columns: 80)
        #expect(frame.imageBox == nil)
        #expect(frame.grid.text.contains("JPEG 4032×3024"))
    }

    @Test("an empty filter result explains how to get back")
    func emptyList() {
        var screen = Fixtures.screen(nil)
        screen.filter = "edited"
        let text = ReviewRenderer.render(screen, rows: 24, columns: 80).grid.text
        #expect(text.contains("No artworks match the filter 'edited'"))
    }
}

@Suite struct PictureNoteTests {
    @Test("a picture that cannot be shown says why in its pane and reserves no box")
    func pictureNote() {
        var screen = Fixtures.screen(Fixtures.item())
        screen.pictureNote = "cannot read /x/garlic.jpg: no such file"
        let frame = ReviewRenderer.render(screen, rows: 24, columns: 80)
        #expect(frame.imageBox == nil)
        #expect(frame.grid.text.contains("cannot read /x/garlic.jpg"))
    }
}
