/// Makes text from files safe to print to a terminal: control characters (escape sequences among them)
/// and bidirectional overrides become U+FFFD, newlines and tabs become spaces.
enum TextSanitizer {
    static func clean(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar -> Unicode.Scalar in
                    switch scalar.value {
                    case 0x09, 0x0A, 0x0D: " "
                    case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: "\u{FFFD}"
                    default: scalar
                    }
                }))
    }
}
