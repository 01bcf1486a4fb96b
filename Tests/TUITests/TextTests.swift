import Rubric
import TUI
import Testing

@Suite struct TextTests {
    @Test("display width counts CJK and emoji as 2, combining marks as 0")
    func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("山と川") == 6)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("🎨") == 2)
        #expect(DisplayWidth.of("👩‍🎨") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.truncate("山と川と海", to: 7) == "山と川…")
    }

    @Test("safe text (the one Sanitizer) shows escape sequences and controls inert but keeps the words")
    func safeText() {
        #expect(SafeText.clean("a\u{1B}[31mred\u{1B}[0m b") == "a␛[31mred␛[0m b")
        #expect(SafeText.clean("x\u{1B}]0;title\u{7}y") == "x␛]0;title␇y")
        #expect(
            SafeText.clean("x\u{1B}]8;;http://e\u{1B}\\link\u{1B}]8;;\u{1B}\\y") == "x␛]8;;http://e␛\\link␛]8;;␛\\y")
        #expect(SafeText.clean("p\u{1B}Pq#0;2;0;0;0~~\u{1B}\\q") == "p␛Pq#0;2;0;0;0~~␛\\q")
        #expect(SafeText.clean("bell\u{7}\u{8}\u{7F}\u{9B}2Jend") == "bell␇␈␡\\u{9B}2Jend")
        #expect(SafeText.clean("evil\u{202E}txt") == "evil\\u{202E}txt")
        #expect(SafeText.clean("one\r\ntwo\tthree") == "one two three")
        #expect(SafeText.clean("one\r\ntwo", keepNewlines: true) == "one\ntwo")
        #expect(SafeText.clean("Café 山 🎨") == "Café 山 🎨")
    }

    @Test("word wrap breaks at spaces, inside long words only when needed, and by display width")
    func wrap() {
        #expect(TextWrap.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextWrap.wrap("abcdefghijkl", width: 5) == ["abcde", "fghij", "kl"])
        #expect(TextWrap.wrap("山と川と海と空", width: 5) == ["山と", "川と", "海と", "空"])
        #expect(TextWrap.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
    }

    @Test("the grid writes wide characters into two cells and never leaves half of one")
    func grid() {
        var grid = ScreenGrid(rows: 1, columns: 6)
        grid.put("山と川", row: 0, column: 0)
        #expect(grid.line(0) == "山と川")
        grid.put("x", row: 0, column: 1)
        #expect(grid.line(0) == " xと川")
        grid.put("abc山", row: 0, column: 0, width: 4)
        #expect(grid.line(0) == "abc 川")
    }
}

@Suite struct EditorTests {
    @Test("the critique editor inserts, deletes and moves by whole characters, including CJK and accents")
    func editing() {
        var editor = TextEditor(text: "Café", width: 20)
        editor.handle(.backspace)
        #expect(editor.text == "Caf")
        editor.handle(.character("é"))
        editor.handle(.character("山"))
        #expect(editor.text == "Café山")
        editor.handle(.home)
        editor.handle(.delete)
        #expect(editor.text == "afé山")
        editor.handle(.end)
        editor.handle(.enter)
        editor.handle(.character("x"))
        #expect(editor.text == "afé山\nx")
        #expect(editor.cursorPosition.line == 1 && editor.cursorPosition.column == 1)
        editor.handle(.up)
        #expect(editor.cursorPosition.line == 0 && editor.cursorPosition.column == 1)
        editor.handle(.right)
        editor.handle(.right)
        editor.handle(.right)
        #expect(editor.cursorPosition.column == 5, "after the wide 山 the cursor is at column 5")
    }

    @Test("the critique editor wraps words and moves up and down between visual lines")
    func wrapping() {
        var editor = TextEditor(text: "the quick brown fox jumps", width: 10)
        #expect(editor.lines.map { String(editor.characters[$0]) } == ["the quick", "brown fox", "jumps"])
        #expect(editor.cursorPosition.line == 2)
        editor.handle(.up)
        #expect(editor.cursorPosition == (line: 1, column: 5))
        editor.handle(.home)
        #expect(editor.cursorPosition == (line: 1, column: 0))
        editor.handle(.end)
        #expect(editor.cursorPosition == (line: 1, column: 9))
        editor.keepCursorVisible(height: 1)
        #expect(editor.scroll == 1)
    }

    @Test("the score editor refuses anything but 0–20 and keeps the total")
    func scores() throws {
        var editor = ScoreEditor(scores: Fixtures.model)
        editor.handle(.tab)
        editor.handle(.backspace)
        editor.handle(.backspace)
        #expect(editor.scores == nil)
        editor.handle(.character("x"))
        #expect(editor.refusal != nil)
        editor.handle(.character("9"))
        #expect(editor.refusal == nil)
        editor.handle(.character("9"))
        #expect(editor.refusal == "Color must be 0–20; 99 refused")
        let scores = try #require(editor.scores)
        #expect(scores.color == 9)
        #expect(editor.total == Fixtures.model.total - 3)
        let usedEnter = editor.handle(.enter)
        #expect(!usedEnter)
    }

    @Test("typing into a field just entered replaces its value; typing on appends")
    func freshFieldReplaces() throws {
        var editor = ScoreEditor(scores: try Scores([9, 9, 9, 9, 9]))
        editor.handle(.character("1"))
        editor.handle(.character("4"))
        #expect(editor.refusal == nil)
        #expect(editor.values[0] == 14)
        editor.handle(.character("4"))
        #expect(editor.refusal == "Originality must be 0–20; 144 refused")
        editor.handle(.tab)
        editor.handle(.character("7"))
        #expect(editor.values[1] == 7)
        editor.handle(.backTab)
        editor.handle(.backspace)
        editor.handle(.character("2"))
        #expect(editor.values[0] == 12, "after Backspace the field is edited, not replaced")
        #expect(editor.total == 12 + 7 + 9 + 9 + 9)
    }
}
