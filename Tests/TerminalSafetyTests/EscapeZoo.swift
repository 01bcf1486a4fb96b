/// The escape zoo: every kind of terminal control a hostile file name, CSV field or model output could
/// carry, each with a way to recognise it in what reached the terminal.
enum EscapeZoo {
    /// One specimen per kind.
    static let specimens: [(name: String, text: String)] = [
        ("CSI clear screen", "\u{1B}[2J"),
        ("CSI colour", "\u{1B}[31;1mred\u{1B}[0m"),
        ("OSC 52 clipboard, BEL", "\u{1B}]52;c;aGk=\u{07}"),
        ("OSC 52 clipboard, ST", "\u{1B}]52;c;aGk=\u{1B}\\"),
        ("OSC 8 link", "\u{1B}]8;;https://evil.example/\u{1B}\\click\u{1B}]8;;\u{1B}\\"),
        ("OSC 0 title", "\u{1B}]0;pwned\u{07}"),
        ("DCS", "\u{1B}Pq#0;2;0;0;0~~\u{1B}\\"),
        ("APC", "\u{1B}_Gf=100;AAAA\u{1B}\\"),
        ("PM", "\u{1B}^private\u{1B}\\"),
        ("SOS", "\u{1B}Xstring\u{1B}\\"),
        ("8-bit CSI", "\u{9B}2J"),
        ("8-bit OSC", "\u{9D}52;c;aGk=\u{9C}"),
        ("8-bit DCS", "\u{90}q\u{9C}"),
        ("NEL", "a\u{85}b"),
        ("C0 controls", "\u{00}\u{07}\u{08}\u{0B}\u{0C}\u{0E}\u{7F}"),
        ("bidi override", "evil\u{202E}gnp.exe"),
        ("bidi embeddings", "\u{202A}\u{202B}\u{202C}\u{202D}"),
        ("bidi isolates", "\u{2066}\u{2067}\u{2068}\u{2069}"),
        ("bidi marks", "\u{200E}\u{200F}\u{061C}"),
    ]

    /// All of them in one string, with text people write around them.
    static let all = "Zoé 山水 🎨👩‍🎨 " + specimens.map(\.text).joined(separator: " ") + " fin"

    /// A file name holding the worst of it (no `/`; a NUL is not allowed in file names).
    static let fileName = "\u{1B}[2J\u{1B}]52;c;aGk=\u{07}\u{1B}]8;;http://x/\u{1B}\\\u{9B}31m\u{202E} clip.png"

    /// Scalars that must never reach a terminal from data: ESC, the other C0 controls but line breaks and
    /// tab, DEL, C1, and the bidirectional controls.
    static func forbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x09: false
        case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// The forbidden scalars in `text`, described (empty when clean).
    static func leaks(in text: String) -> [String] {
        text.unicodeScalars.filter(forbidden).map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }
}
