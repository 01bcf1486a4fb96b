/// Where each part of the review screen goes for a terminal size.
///
/// Rows: the header (row 0), the panes, a message line and the key-hint line (the last row). The
/// artwork pane is on the left; its picture box always ends at least one row above the last row,
/// so that drawing a picture never scrolls the terminal. Below 80×24 the screen only says it is too small.
public struct ReviewLayout: Sendable, Hashable {
    /// The smallest usable size.
    public static let minimumColumns = 80
    /// The smallest usable size.
    public static let minimumRows = 24

    /// The terminal size.
    public let rows: Int
    /// The terminal size.
    public let columns: Int

    /// Creates the layout for a terminal size.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    /// True when the terminal is smaller than 80×24.
    public var isTooSmall: Bool { rows < Self.minimumRows || columns < Self.minimumColumns }

    /// The header row.
    public var header: Rect { Rect(row: 0, column: 0, width: columns, height: 1) }
    /// The message line.
    public var message: Rect { Rect(row: rows - 2, column: 0, width: columns, height: 1) }
    /// The key-hint line.
    public var status: Rect { Rect(row: rows - 1, column: 0, width: columns, height: 1) }

    /// The framed artwork pane.
    public var artworkPane: Rect {
        let width = min(max(30, columns * 9 / 20), 100)
        return Rect(row: 1, column: 0, width: width, height: rows - 3)
    }

    /// The picture box inside the artwork pane (the frame and a caption line excluded).
    public var imageBox: Rect {
        let pane = artworkPane
        return Rect(row: pane.row + 1, column: pane.column + 1, width: pane.width - 2, height: pane.height - 3)
    }

    /// The caption line under the picture (file name and size).
    public var caption: Rect {
        let pane = artworkPane
        return Rect(row: pane.bottom - 2, column: pane.column + 1, width: pane.width - 2, height: 1)
    }

    /// The right-hand side: who, scores and critique.
    public var details: Rect {
        let left = artworkPane.right + 1
        return Rect(row: 1, column: left, width: columns - left - 1, height: rows - 3)
    }

    /// The critique's width.
    public var critiqueWidth: Int { details.width }

    /// The fewest critique lines shown (when the description takes all its lines).
    public var minimumCritiqueHeight: Int { max(1, details.height - (1 + descriptionLines + 1 + 7) - 1) }

    /// Description lines shown under the title.
    public var descriptionLines: Int { rows >= 40 ? 4 : rows >= 30 ? 3 : 2 }
}
