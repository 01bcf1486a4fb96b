extension Key {
    /// The key an escape sequence stands for, given what follows ESC: CSI (`[1~`, `[H`, `[1;5H`) or SS3
    /// (`OH`). Covers the spellings of xterm, tmux, screen, rxvt and the Linux console, whatever TERM says,
    /// with modifiers ignored (Ctrl-Home is Home). Nil for sequences the review has no use for (Insert,
    /// F2…): the caller drops them instead of reading them as Esc and text.
    public init?(escapeSequence sequence: String) {
        guard let introducer = sequence.first, let final = sequence.last, sequence.count >= 2 else { return nil }
        let body = sequence.dropFirst().dropLast()
        if introducer == "O" {
            guard body.isEmpty, let key = Self.finals[final] ?? (final == "M" ? .enter : nil) else { return nil }
            self = key
            return
        }
        guard introducer == "[" else { return nil }
        if final == "~" {
            let first = body.split(separator: ";").first.flatMap { Int($0) }
            guard let number = first, let key = Self.tildes[number] else { return nil }
            self = key
            return
        }
        guard body.allSatisfy({ $0.isNumber || $0 == ";" }), let key = Self.finals[final] else { return nil }
        self = key
    }

    /// CSI or SS3 final bytes: arrows, Home, End, Shift-Tab, F1.
    static let finals: [Character: Key] = [
        "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end, "Z": .backTab, "P": .f1,
    ]

    /// CSI `n ~` numbers: Home (1, 7), Delete (3), End (4, 8), Page Up (5), Page Down (6), F1 (11).
    static let tildes: [Int: Key] = [
        1: .home, 7: .home, 3: .delete, 4: .end, 8: .end, 5: .pageUp, 6: .pageDown, 11: .f1,
    ]
}
