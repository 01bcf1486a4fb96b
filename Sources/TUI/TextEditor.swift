/// A multi-line text editor for critiques: word-wrapped by display width, UTF-8 throughout
/// (accents, CJK and emoji move and delete as whole characters).
public struct TextEditor: Sendable, Hashable {
    /// The text as characters (grapheme clusters).
    public private(set) var characters: [Character]
    /// The cursor: an index into ``characters`` (0...count).
    public private(set) var cursor: Int
    /// The first visual line shown (kept so the cursor stays visible).
    public private(set) var scroll = 0
    /// The wrap width last used for up/down movement.
    public var width: Int

    /// Creates an editor holding `text` with the cursor at the end.
    public init(text: String, width: Int = 40) {
        characters = Array(SafeText.clean(text, keepNewlines: true))
        cursor = characters.count
        self.width = max(1, width)
    }

    /// The edited text.
    public var text: String { String(characters) }

    /// The visual lines at the current width.
    public var lines: [Range<Int>] { TextWrap.lineRanges(characters, width: width) }

    /// The cursor's visual line and display column.
    public var cursorPosition: (line: Int, column: Int) {
        let ranges = lines
        var line = 0
        for (i, range) in ranges.enumerated() {
            if range.lowerBound <= cursor { line = i } else { break }
        }
        let start = ranges[line].lowerBound
        let end = min(cursor, ranges[line].upperBound)
        return (line, DisplayWidth.of(String(characters[start..<max(start, end)])))
    }

    /// Applies an editing key; returns false for keys the editor does not use.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c): insert(c)
        case .enter: insert("\n")
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = lines[cursorPosition.line].lowerBound
        case .end: cursor = lines[cursorPosition.line].upperBound
        case .up: moveVertically(by: -1)
        case .down: moveVertically(by: 1)
        default: return false
        }
        return true
    }

    /// Inserts one character (control characters are ignored) at the cursor.
    public mutating func insert(_ c: Character) {
        if c != "\n" && !SafeText.isPrintable(c) { return }
        characters.insert(c, at: cursor)
        cursor += 1
    }

    mutating func moveVertically(by delta: Int) {
        let ranges = lines
        let (line, column) = cursorPosition
        let target = line + delta
        guard target >= 0, target < ranges.count else {
            cursor = delta < 0 ? 0 : characters.count
            return
        }
        var index = ranges[target].lowerBound
        var used = 0
        while index < ranges[target].upperBound {
            let w = DisplayWidth.of(characters[index])
            if used + w > column { break }
            used += w
            index += 1
        }
        cursor = index
    }

    /// Adjusts ``scroll`` so that the cursor's line is among `height` visible lines.
    public mutating func keepCursorVisible(height: Int) {
        let line = cursorPosition.line
        if line < scroll { scroll = line }
        if line >= scroll + max(1, height) { scroll = line - max(1, height) + 1 }
    }
}
