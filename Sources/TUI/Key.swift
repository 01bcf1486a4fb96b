/// A key press, as the review screen sees it.
public enum Key: Sendable, Hashable {
    /// A printable character.
    case character(Character)
    /// Control plus a letter (`.control("s")` is Ctrl-S).
    case control(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// Backspace.
    case backspace
    /// Delete (forward).
    case delete
    /// Enter or Return.
    case enter
    /// Escape.
    case escape
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// F1.
    case f1
    /// The terminal changed size.
    case resize
    /// A mouse press at a cell.
    case mouse(row: Int, column: Int, button: MouseButton)

    /// The key for a Unicode scalar read from the terminal (control codes map to their keys).
    public init?(scalar value: UInt32) {
        switch value {
        case 0x1B: self = .escape
        case 0x0D, 0x0A: self = .enter
        case 0x09: self = .tab
        case 0x08, 0x7F: self = .backspace
        case 0x01...0x1A:
            self = .control(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 0x00..<0x20, 0x80..<0xA0:
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            self = .character(Character(scalar))
        }
    }
}

/// The mouse buttons the review screen uses.
public enum MouseButton: Sendable, Hashable {
    /// The left button, pressed.
    case left
    /// The wheel, turned up.
    case wheelUp
    /// The wheel, turned down.
    case wheelDown
}
