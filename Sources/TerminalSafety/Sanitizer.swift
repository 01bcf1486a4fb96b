/// The one place that decides how text from data (names, titles, descriptions, critiques, file names,
/// CSV fields, model output, error messages that quote any of these) is shown on a terminal.
///
/// It works scalar by scalar and keeps no state, so it is idempotent (cleaning clean text changes
/// nothing), a sequence split across two pieces of streamed model output is neutralised as well as a
/// whole one, and every dangerous scalar stays visible, so the teacher can still tell which file is meant:
///
/// | input | shown as |
/// |---|---|
/// | C0 controls U+0000–U+001F (ESC, BEL, BS, …) except TAB, LF, CR | its Control Picture: `␛` `␇` `␈` `␀` (U+2400 + code) |
/// | DEL U+007F | `␡` (U+2421) |
/// | C1 controls U+0080–U+009F (8-bit CSI U+009B, OSC U+009D, DCS U+0090, ST U+009C, NEL U+0085, …) | `\u{9B}` |
/// | bidirectional embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069, marks U+200E U+200F U+061C | `\u{202E}` |
/// | TAB | a space |
/// | LF, CR, CR LF, U+2028, U+2029 | one space on one line; one newline where newlines are kept |
/// | everything else (accents, CJK, emoji with their joiners and variation selectors) | itself |
///
/// So CSI (`ESC [ 2 J` → `␛[2J`), OSC 52 and OSC 8 (BEL- or ST-terminated: `␛]52;c;aGk=␇`, `␛]8;;url␛\`),
/// DCS, APC, PM and SOS (`␛P…␛\`, `␛_…`, `␛^…`, `␛X…`) can never start, because their introducer never
/// reaches the terminal.
public enum Sanitizer {
    /// What happens to line breaks.
    public enum Newlines: Sendable {
        /// Line breaks become spaces: the text stays on one line.
        case space
        /// Line breaks (LF, CR, CR LF, U+2028, U+2029) become one `\n` each.
        case keep
    }

    /// `text` made safe for a terminal (see the table above).
    public static func clean(_ text: String, newlines: Newlines = .space) -> String {
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            defer { previousWasCR = v == 0x0D }
            switch v {
            case 0x0A where previousWasCR:
                continue
            case 0x0A, 0x0D, 0x2028, 0x2029:
                out.append(newlines == .keep ? "\n" : " ")
            case 0x09:
                out.append(" ")
            case 0x00..<0x20:
                out.append(Unicode.Scalar(0x2400 + v)!)
            case 0x7F:
                out.append("\u{2421}")
            default:
                if isEscapedAsCode(v) {
                    out.append(contentsOf: "\\u{\(String(v, radix: 16, uppercase: true))}".unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// True when a terminal could act on `scalar` (a control, or a bidirectional control), so that
    /// ``clean(_:newlines:)`` changes it.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || isEscapedAsCode(v)
    }

    /// True when `character` is text a person typed (no control, no bidirectional control): editors
    /// take only these.
    public static func isPrintable(_ character: Character) -> Bool {
        !character.unicodeScalars.contains(where: isUnsafe)
            && !character.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x2029 }
    }

    static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        isUnsafe(scalar) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    static func isEscapedAsCode(_ v: UInt32) -> Bool {
        switch v {
        case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }
}
