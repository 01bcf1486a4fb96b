/// A grid of styled cells: what the screen should show, built without a terminal.
///
/// Text is measured by display width (wide characters take two cells, combining marks none) and
/// cleaned of control characters on the way in, so a grid never holds anything the terminal would
/// interpret. The ncurses backend draws a grid; tests read it back as text.
public struct ScreenGrid: Sendable, Hashable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The cells, row by row.
    public private(set) var cells: [Cell]
    /// Where the hardware cursor goes (for editors and screen readers); nil keeps it hidden.
    public var cursor: (row: Int, column: Int)? {
        get { cursorRow.map { ($0, cursorColumn) } }
        set {
            cursorRow = newValue?.row
            cursorColumn = newValue?.column ?? 0
        }
    }
    private var cursorRow: Int?
    private var cursorColumn = 0

    /// Creates a blank grid.
    public init(rows: Int, columns: Int) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        cells = Array(repeating: Cell(), count: self.rows * self.columns)
    }

    /// The cell at (`row`, `column`).
    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * columns + column] }
        set { cells[row * columns + column] = newValue }
    }

    /// Fills a rectangle with blanks of `style`.
    public mutating func fill(_ rect: Rect, style: Style = .normal, with text: String = " ") {
        for r in max(0, rect.row)..<min(rows, rect.bottom) {
            for c in max(0, rect.column)..<min(columns, rect.right) { self[r, c] = Cell(text, style: style) }
        }
    }

    /// Writes `text` at (`row`, `column`), cut to `width` columns (to the right edge when nil), and
    /// returns the number of columns written. Text is cleaned with ``SafeText/clean(_:keepNewlines:)``.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, width: Int? = nil, style: Style = .normal) -> Int {
        guard row >= 0, row < rows, column >= 0, column < columns else { return 0 }
        let limit = min(columns - column, width ?? columns)
        var used = 0
        for character in SafeText.clean(text) {
            let w = DisplayWidth.of(character)
            if w == 0 {
                if used > 0 {
                    var back = column + used - 1
                    if back > column, self[row, back].isContinuation { back -= 1 }
                    self[row, back].text.append(character)
                }
                continue
            }
            if used + w > limit { break }
            let c = column + used
            clearWide(row: row, column: c)
            self[row, c] = Cell(String(character), style: style)
            if w == 2 {
                clearWide(row: row, column: c + 1)
                self[row, c + 1] = Cell("", style: style)
            }
            used += w
        }
        return used
    }

    /// Writes `text` padded with blanks to exactly `width` columns.
    public mutating func putPadded(_ text: String, row: Int, column: Int, width: Int, style: Style = .normal) {
        let used = put(text, row: row, column: column, width: width, style: style)
        if used < width { fill(Rect(row: row, column: column + used, width: width - used, height: 1), style: style) }
    }

    /// Breaks a wide character that a write is about to cover in half.
    private mutating func clearWide(row: Int, column: Int) {
        guard column < columns else { return }
        if self[row, column].isContinuation, column > 0 {
            self[row, column - 1] = Cell(" ", style: self[row, column - 1].style)
        } else if DisplayWidth.of(self[row, column].text) == 2, column + 1 < columns {
            self[row, column + 1] = Cell(" ", style: self[row, column + 1].style)
        }
    }

    /// Draws a frame around `rect` with a title in its top edge.
    public mutating func frame(_ rect: Rect, title: String = "", style: Style = Style(.border)) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        for c in rect.column..<rect.right {
            put("─", row: rect.row, column: c, style: style)
            put("─", row: rect.bottom - 1, column: c, style: style)
        }
        for r in rect.row..<rect.bottom {
            put("│", row: r, column: rect.column, style: style)
            put("│", row: r, column: rect.right - 1, style: style)
        }
        put("┌", row: rect.row, column: rect.column, style: style)
        put("┐", row: rect.row, column: rect.right - 1, style: style)
        put("└", row: rect.bottom - 1, column: rect.column, style: style)
        put("┘", row: rect.bottom - 1, column: rect.right - 1, style: style)
        if !title.isEmpty {
            put(" \(title) ", row: rect.row, column: rect.column + 2, width: rect.width - 4, style: style)
        }
    }

    /// One row as plain text (wide characters once, trailing blanks kept).
    public func line(_ row: Int) -> String {
        (0..<columns).map { self[row, $0].text }.joined()
    }

    /// The whole grid as plain text, one line per row, trailing blanks removed.
    public var text: String {
        (0..<rows).map { String(line($0).reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }

    /// True when some cell in the grid has `role`.
    public func contains(role: StyleRole) -> Bool { cells.contains { $0.style.role == role } }

    /// Grids are equal when their size, cells and cursor position are.
    public static func == (lhs: ScreenGrid, rhs: ScreenGrid) -> Bool {
        lhs.rows == rhs.rows && lhs.columns == rhs.columns && lhs.cells == rhs.cells && lhs.cursorRow == rhs.cursorRow
            && lhs.cursorColumn == rhs.cursorColumn
    }

    /// Hashes what ``==`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rows)
        hasher.combine(columns)
        hasher.combine(cells)
    }
}
