/// Word wrapping by display width.
public enum TextWrap {
    /// Splits `characters` into lines of at most `width` columns, breaking after spaces where it can
    /// and inside a word only when the word alone is too long. Newlines end a line. Each range covers
    /// the characters shown on that line (the space or newline at a break is not part of any line).
    public static func lineRanges(_ characters: [Character], width: Int) -> [Range<Int>] {
        let width = max(1, width)
        var lines: [Range<Int>] = []
        var start = 0
        var used = 0
        var lastSpace: Int?
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "\n" {
                lines.append(start..<i)
                start = i + 1
                used = 0
                lastSpace = nil
                i += 1
                continue
            }
            let w = DisplayWidth.of(c)
            if used + w > width {
                if c == " " {
                    lines.append(start..<i)
                    start = i + 1
                    i += 1
                } else if let space = lastSpace {
                    lines.append(start..<space)
                    start = space + 1
                    i = start
                } else {
                    lines.append(start..<max(i, start + 1))
                    start = max(i, start + 1)
                    i = start
                }
                used = 0
                lastSpace = nil
                continue
            }
            if c == " " { lastSpace = i }
            used += w
            i += 1
        }
        lines.append(start..<characters.count)
        return lines
    }

    /// `text` wrapped to `width` columns.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let characters = Array(text)
        return lineRanges(characters, width: width).map { String(characters[$0]) }
    }
}
