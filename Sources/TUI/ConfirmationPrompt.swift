/// A question asked before a key that would destroy work does it ("Replace your edited scores with the
/// scorer's?"). A value with a pure renderer: the session keeps it while it waits, hands every key to
/// ``answer(to:)``, and acts on the choice; tests need no terminal.
///
/// Only a choice's own letter answers (either case). Esc picks the choice that loses nothing; Enter and
/// every other key answer nothing, so a key pressed by habit cannot destroy work.
public struct ConfirmationPrompt: Sendable, Hashable {
    /// One answer: the letter that picks it and what it does ("y", "yes, replace them").
    public struct Choice: Sendable, Hashable {
        /// The letter that picks it (lower case).
        public var key: Character
        /// What it does, shown after the key.
        public var label: String

        /// Creates a choice.
        public init(_ key: Character, _ label: String) {
            self.key = Character(key.lowercased())
            self.label = label
        }
    }

    /// The question.
    public var question: String
    /// The answers, in the order shown.
    public var choices: [Choice]
    /// The key of the choice Esc picks: the one that keeps everything.
    public var safeChoice: Character

    /// Creates a prompt; `safeChoice` (Esc) must be one of the choices' keys, else it is the last choice.
    public init(question: String, choices: [Choice], safeChoice: Character) {
        self.question = question
        self.choices = choices
        let safe = Character(safeChoice.lowercased())
        self.safeChoice = choices.contains { $0.key == safe } ? safe : choices.last?.key ?? safe
    }

    /// A yes/no question; Esc answers no.
    public static func yesNo(_ question: String, yes: String = "yes", no: String = "no") -> ConfirmationPrompt {
        ConfirmationPrompt(question: question, choices: [Choice("y", yes), Choice("n", no)], safeChoice: "n")
    }

    /// The key of the choice `key` picks, or nil when it picks none (the prompt stays up).
    public func answer(to key: Key) -> Character? {
        switch key {
        case .escape: return safeChoice
        case .character(let c):
            let lower = Character(c.lowercased())
            return choices.contains { $0.key == lower } ? lower : nil
        default: return nil
        }
    }

    /// The prompt as one line: "Replace …?  [y] yes  [n] no".
    public var line: String {
        question + "  " + choices.map { "[\($0.key)] \($0.label)" }.joined(separator: "  ")
    }

    /// The key hints for the bottom bar while the prompt waits: each choice, and what Esc picks.
    public var hints: String {
        let safe = choices.first { $0.key == safeChoice }?.label ?? String(safeChoice)
        return choices.map { "\($0.key) \($0.label)" }.joined(separator: "  ") + "  Esc: \(safe)"
    }

    /// Draws the prompt on one row of `grid`, `width` columns from column 0, with the cursor after it.
    public func draw(into grid: inout ScreenGrid, row: Int, width: Int) {
        grid.fill(Rect(row: row, column: 0, width: width, height: 1), style: Style(.overlay))
        let used = grid.put(
            " " + DisplayWidth.truncate(line, to: max(0, width - 2)), row: row, column: 0, width: width,
            style: Style(.overlay, bold: true))
        grid.cursor = (row, min(max(0, width - 1), used))
    }
}
