import Testing

@testable import TUI

@Suite struct ConfirmationPromptTests {
    @Test("only a choice's letter answers (either case); Esc picks the safe choice; Enter and others answer nothing")
    func answers() {
        let prompt = ConfirmationPrompt(
            question: "Unsaved.", choices: [.init("s", "save"), .init("d", "discard"), .init("k", "keep editing")],
            safeChoice: "k")
        #expect(prompt.answer(to: .character("s")) == "s")
        #expect(prompt.answer(to: .character("D")) == "d")
        #expect(prompt.answer(to: .escape) == "k")
        for key: Key in [.enter, .character("y"), .character(" "), .up, .home, .control("s"), .tab] {
            #expect(prompt.answer(to: key) == nil, "\(key)")
        }
        #expect(ConfirmationPrompt.yesNo("Sure?").answer(to: .escape) == "n")
        #expect(ConfirmationPrompt.yesNo("Sure?").answer(to: .character("Y")) == "y")
    }

    @Test("renders on one row with the choices and the Esc answer, cursor after it, cleaned and cut to width")
    func renders() {
        var grid = ScreenGrid(rows: 3, columns: 60)
        let prompt = ConfirmationPrompt.yesNo("Hide \u{1B}[2Jart.png?", yes: "hide it", no: "keep it")
        prompt.draw(into: &grid, row: 1, width: 60)
        #expect(grid.line(1).hasPrefix(" Hide ␛[2Jart.png?  [y] hide it  [n] keep it"))
        #expect(grid[1, 0].style.role == .overlay)
        #expect(grid.cursor?.row == 1)
        var narrow = ScreenGrid(rows: 1, columns: 20)
        prompt.draw(into: &narrow, row: 0, width: 20)
        #expect(narrow.line(0).hasSuffix("…") || narrow.line(0).hasSuffix("… "))
        #expect(prompt.hints == "y hide it  n keep it  Esc: keep it")
    }
}
