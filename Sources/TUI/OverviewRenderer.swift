import Rubric

/// Draws the overview: a contact sheet of tiles (thumbnail, student, total and status) on the left and the class's
/// distribution (a histogram of totals, each dimension's mean) on the right. Pure: tests read the grid.
public enum OverviewRenderer {
    /// A tile's width in cells, with one column of gap.
    public static let tileWidth = 17
    /// A thumbnail's height in cells.
    public static let thumbnailRows = 6
    /// A tile's height: the thumbnail, two label lines and a blank.
    public static let tileHeight = thumbnailRows + 3
    /// The distribution panel's width.
    public static let panelWidth = 30

    /// Tiles per row and rows of tiles that fit a screen.
    public static func grid(rows: Int, columns: Int) -> (perRow: Int, rows: Int) {
        let width = columns - panelWidth - 1
        return (max(1, width / tileWidth), max(1, (rows - 3) / tileHeight))
    }

    /// The first row of tiles shown so that the cursor's row is on screen.
    public static func firstRow(cursor: Int, rows: Int, columns: Int) -> Int {
        let (perRow, visibleRows) = grid(rows: rows, columns: columns)
        let row = cursor / perRow
        return max(0, row - visibleRows + 1)
    }

    /// Renders `model` on a screen of `rows` × `columns`.
    public static func render(_ model: OverviewModel, rows: Int, columns: Int) -> OverviewFrame {
        var grid = ScreenGrid(rows: rows, columns: columns)
        let graded = model.tiles.filter { $0.scores != nil }.count
        let reviewed = model.tiles.filter { $0.status != .unreviewed }.count
        grid.fill(Rect(row: 0, column: 0, width: columns, height: 1), style: Style(.header))
        grid.put(
            " Overview · \(SafeText.clean(model.className)) · \(model.tiles.count) artworks · \(reviewed) reviewed · "
                + "sorted by \(model.sort)",
            row: 0, column: 0, width: columns, style: Style(.header, bold: true))
        let (perRow, visibleRows) = self.grid(rows: rows, columns: columns)
        let first = firstRow(cursor: model.cursor, rows: rows, columns: columns)
        var pictures: [OverviewFrame.Picture] = []
        for (index, tile) in model.tiles.enumerated() {
            let row = index / perRow - first
            guard row >= 0, row < visibleRows else { continue }
            let top = 1 + row * tileHeight
            let left = (index % perRow) * tileWidth
            let box = Rect(row: top, column: left + 1, width: tileWidth - 2, height: thumbnailRows)
            if model.graphics {
                grid.fill(box, style: Style(.image))
                pictures.append(OverviewFrame.Picture(id: tile.id, box: box))
            } else {
                grid.put(
                    DisplayWidth.truncate(SafeText.clean(tile.title), to: box.width), row: top + 2, column: box.column,
                    style: Style(.dim))
            }
            let selected = index == model.cursor
            let style = selected ? Style(.selection, bold: true) : Style(.normal, bold: true)
            grid.putPadded(
                (selected ? "▶" : " ") + DisplayWidth.truncate(SafeText.clean(tile.student), to: tileWidth - 2),
                row: top + thumbnailRows, column: left, width: tileWidth - 1, style: style)
            let total = tile.scores.map { "\($0.total)" } ?? "–"
            let band = tile.scores?.totalBand.word ?? "not graded"
            grid.putPadded(
                " \(total) \(tile.glyph) \(band)", row: top + thumbnailRows + 1, column: left, width: tileWidth - 1,
                style: selected ? Style(.selection) : Style(tile.status == .edited ? .edited : .dim))
        }
        drawDistribution(&grid, model: model, graded: graded, column: columns - panelWidth, rows: rows)
        if let message = model.message {
            grid.put(
                message.text, row: rows - 2, column: 0, width: columns, style: Style(message.isError ? .error : .accent)
            )
        }
        grid.fill(Rect(row: rows - 1, column: 0, width: columns, height: 1), style: Style(.status))
        grid.put(
            " ←↑↓→ move · Enter open · s sort · v compare · f find · o/Esc back · q quit", row: rows - 1, column: 0,
            width: columns, style: Style(.status))
        return OverviewFrame(grid: grid, pictures: pictures)
    }

    static func drawDistribution(_ grid: inout ScreenGrid, model: OverviewModel, graded: Int, column: Int, rows: Int) {
        var row = 2
        grid.put("Totals (\(graded) graded)", row: row, column: column, style: Style(.accent, bold: true))
        row += 1
        let bins = model.histogram
        let most = max(1, bins.max() ?? 1)
        for bin in stride(from: 9, through: 0, by: -1) where row < rows - 3 {
            let label = bin == 9 ? "90+" : "\(bin * 10)–\(bin * 10 + 9)"
            grid.put(label, row: row, column: column, width: 6, style: Style(.dim))
            let length = Int((Double(bins[bin]) / Double(most) * 16).rounded(.up))
            grid.put(String(repeating: "█", count: length), row: row, column: column + 6, style: Style(.accent))
            if bins[bin] > 0 { grid.put(" \(bins[bin])", row: row, column: column + 6 + length) }
            row += 1
        }
        row += 1
        guard row < rows - 3 else { return }
        grid.put("Class mean (0–20)", row: row, column: column, style: Style(.accent, bold: true))
        row += 1
        for dimension in Rubric.Dimension.allCases where row < rows - 3 {
            grid.put(String(dimension.title.prefix(11)), row: row, column: column, width: 12, style: Style(.dim))
            if let mean = model.means?[dimension] {
                let length = Int((mean / 20 * 12).rounded())
                grid.put(String(repeating: "█", count: length), row: row, column: column + 12, style: Style(.accent))
                grid.put(
                    String(repeating: "░", count: 12 - length), row: row, column: column + 12 + length,
                    style: Style(.barEmpty))
                grid.put(String(format: " %.1f", mean), row: row, column: column + 24)
            } else {
                grid.put("–", row: row, column: column + 12, style: Style(.dim))
            }
            row += 1
        }
    }
}
