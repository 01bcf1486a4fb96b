/// A one-line text field (the filter prompt).
public struct LineEditor: Sendable, Hashable {
    /// The typed text.
    public private(set) var characters: [Character] = []
    /// The cursor index.
    public private(set) var cursor = 0

    /// Creates an empty field, or one holding `text`.
    public init(text: String = "") {
        characters = Array(SafeText.clean(text))
        cursor = characters.count
    }

    /// The text.
    public var text: String { String(characters) }

    /// Applies an editing key; returns false for keys the field does not use.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            guard SafeText.isPrintable(c) else { return true }
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete: if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        default: return false
        }
        return true
    }

    /// The display column of the cursor.
    public var cursorColumn: Int { DisplayWidth.of(String(characters[0..<cursor])) }
}
