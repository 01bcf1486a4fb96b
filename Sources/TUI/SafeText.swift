/// Cleans text that came from files or people (names, titles, descriptions, critiques) before it
/// reaches the terminal: escape sequences and control characters are removed, so that nothing in
/// a student's description can move the cursor, change colours or talk to the terminal.
public enum SafeText {
    /// Removes escape sequences (CSI, OSC, DCS, APC, PM, SOS and two-byte ESC sequences), C0 and C1
    /// control characters, DEL and bidirectional overrides. Tabs become a space; newlines are kept
    /// when `keepNewlines` is true (a carriage return counts as a newline), else they become a space.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            let v = scalar.value
            switch v {
            case 0x1B:
                skipEscape(&scalars)
            case 0x9B:
                skipControlSequence(&scalars)
            case 0x90, 0x9D, 0x9E, 0x9F, 0x98:
                skipString(&scalars)
            case 0x0A, 0x0D:
                if v == 0x0D, scalars.first?.value == 0x0A { _ = scalars.popFirst() }
                out.append(keepNewlines ? "\n" : " ")
            case 0x09:
                out.append(" ")
            case 0..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F:
                continue
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// After ESC: skips the rest of the sequence.
    private static func skipEscape(_ s: inout ArraySlice<Unicode.Scalar>) {
        guard let next = s.popFirst() else { return }
        switch next {
        case "[": skipControlSequence(&s)
        case "]", "P", "_", "^", "X": skipString(&s)
        default:
            // nF sequences: intermediates 0x20–0x2F then one final byte.
            if (0x20...0x2F).contains(next.value) {
                while let c = s.first, (0x20...0x2F).contains(c.value) { s.removeFirst() }
                if !s.isEmpty { s.removeFirst() }
            }
        }
    }

    /// Skips CSI parameters and intermediates up to and including the final byte.
    private static func skipControlSequence(_ s: inout ArraySlice<Unicode.Scalar>) {
        while let c = s.popFirst() {
            if (0x40...0x7E).contains(c.value) || c.value < 0x20 && c.value != 0x1B { return }
        }
    }

    /// Skips a string sequence up to BEL, ST (ESC \) or the C1 ST.
    private static func skipString(_ s: inout ArraySlice<Unicode.Scalar>) {
        while let c = s.popFirst() {
            if c.value == 0x07 || c.value == 0x9C { return }
            if c.value == 0x1B {
                if s.first == "\\" { s.removeFirst() }
                return
            }
        }
    }
}
