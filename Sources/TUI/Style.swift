/// What a piece of text on screen is, so that a theme can colour it.
public enum StyleRole: String, Sendable, Hashable, CaseIterable {
    /// Ordinary text.
    case normal
    /// The header bar.
    case header
    /// The key-hint bar at the bottom.
    case status
    /// Labels and secondary facts.
    case dim
    /// Headings and the focused field.
    case accent
    /// Selected text and the focused editor field.
    case selection
    /// Scores in the lower bands.
    case scoreLow = "score_low"
    /// Scores in the middle band.
    case scoreMid = "score_mid"
    /// Scores in the upper bands.
    case scoreHigh = "score_high"
    /// The empty part of a score bar.
    case barEmpty = "bar_empty"
    /// A value the teacher changed.
    case edited
    /// Messages that confirm a saved change.
    case success
    /// Messages that refuse something.
    case error
    /// Frames and rules.
    case border
    /// The help overlay and prompts.
    case overlay
    /// The cells reserved for the picture; curses writes them as invisible blanks.
    case image
}

/// The look of one cell: a theme role plus attributes.
public struct Style: Sendable, Hashable {
    /// The theme role.
    public var role: StyleRole
    /// Bold text.
    public var bold: Bool
    /// Underlined text.
    public var underline: Bool
    /// Reverse video.
    public var reverse: Bool

    /// Creates a style.
    public init(_ role: StyleRole = .normal, bold: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }

    /// Ordinary text.
    public static let normal = Style()
}

/// One character cell: a grapheme cluster of display width 1 or 2 (the cell to the right of a wide
/// character holds an empty string), and its style.
public struct Cell: Sendable, Hashable {
    /// The text in the cell; "" for the right half of a wide character.
    public var text: String
    /// The cell's style.
    public var style: Style

    /// Creates a cell.
    public init(_ text: String = " ", style: Style = .normal) {
        self.text = text
        self.style = style
    }

    /// True for the right half of a wide character.
    public var isContinuation: Bool { text.isEmpty }
}

/// A rectangle of cells.
public struct Rect: Sendable, Hashable {
    /// The top row.
    public var row: Int
    /// The left column.
    public var column: Int
    /// The number of columns.
    public var width: Int
    /// The number of rows.
    public var height: Int

    /// Creates a rectangle.
    public init(row: Int, column: Int, width: Int, height: Int) {
        self.row = row
        self.column = column
        self.width = width
        self.height = height
    }

    /// The row below the rectangle.
    public var bottom: Int { row + height }
    /// The column right of the rectangle.
    public var right: Int { column + width }
    /// True when the rectangle holds no cells.
    public var isEmpty: Bool { width <= 0 || height <= 0 }
}
