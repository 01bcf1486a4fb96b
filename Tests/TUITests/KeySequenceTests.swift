import Testing

@testable import TUI

@Suite struct KeySequenceTests {
    @Test("escape sequences of xterm, tmux, screen and rxvt decode to their keys, whatever TERM says")
    func decode() {
        let cases: [(String, Key?)] = [
            ("[1~", .home), ("[7~", .home), ("[H", .home), ("OH", .home), ("[1;5H", .home),
            ("[4~", .end), ("[8~", .end), ("[F", .end), ("OF", .end), ("[5~", .pageUp), ("[6~", .pageDown),
            ("[3~", .delete), ("[A", .up), ("OB", .down), ("[1;2C", .right), ("OD", .left), ("[Z", .backTab),
            ("OP", .f1), ("[11~", .f1), ("OM", .enter), ("[2~", nil), ("[15~", nil), ("[?", nil), ("x", nil),
            ("[", nil), ("[200~", nil),
        ]
        for (sequence, key) in cases {
            #expect(Key(escapeSequence: sequence) == key, "\(sequence)")
        }
    }
}
