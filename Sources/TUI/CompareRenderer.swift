import Rubric

/// Draws two artworks side by side, each with its five scores, total and status, the higher score of each pair in
/// bold. Pure: returns the grid and the two picture boxes.
public enum CompareRenderer {
    /// Renders the pair on a screen of `rows` × `columns`.
    public static func render(
        left: ArtworkSummary, right: ArtworkSummary?, className: String, graphics: Bool, rows: Int, columns: Int
    ) -> OverviewFrame {
        var grid = ScreenGrid(rows: rows, columns: columns)
        grid.fill(Rect(row: 0, column: 0, width: columns, height: 1), style: Style(.header))
        grid.put(
            " Compare · \(SafeText.clean(className))", row: 0, column: 0, width: columns,
            style: Style(.header, bold: true))
        let half = columns / 2
        var pictures: [OverviewFrame.Picture] = []
        for (index, side) in [left, right].enumerated() {
            let column = index * half + 1
            let width = half - 2
            guard let side else {
                grid.put("no other artwork in this list", row: 2, column: column, width: width, style: Style(.dim))
                continue
            }
            let other = index == 0 ? right : left
            grid.put(
                DisplayWidth.truncate(SafeText.clean(side.student), to: width), row: 1, column: column,
                style: Style(.accent, bold: true))
            grid.put(
                DisplayWidth.truncate("“" + SafeText.clean(side.title) + "”", to: width), row: 2, column: column,
                style: Style(.dim))
            let pictureHeight = max(3, rows - 13)
            let box = Rect(row: 3, column: column, width: width, height: pictureHeight)
            if graphics {
                grid.fill(box, style: Style(.image))
                pictures.append(OverviewFrame.Picture(id: side.id, box: box))
            }
            var row = 3 + pictureHeight + 1
            guard let scores = side.scores else {
                grid.put("Not graded yet", row: row, column: column, style: Style(.error, bold: true))
                continue
            }
            for dimension in Rubric.Dimension.allCases {
                let value = scores[dimension]
                let higher = (other?.scores?[dimension]).map { value > $0 } ?? false
                grid.put(dimension.title, row: row, column: column, width: 12)
                let bar = String(repeating: "█", count: value / 2) + String(repeating: "░", count: 10 - value / 2)
                grid.put(bar, row: row, column: column + 12, style: Style(.accent))
                grid.put(
                    String(format: " %2d %@", value, scores.band(dimension).word), row: row, column: column + 22,
                    width: width - 22, style: Style(.normal, bold: higher))
                row += 1
            }
            let glyph = side.glyph
            grid.put(
                "Total \(scores.total) \(scores.totalBand.word) \(glyph) \(side.status.rawValue)", row: row,
                column: column, width: width, style: Style(.normal, bold: true))
        }
        grid.fill(Rect(row: rows - 1, column: 0, width: columns, height: 1), style: Style(.status))
        grid.put(
            " j/k change the right-hand artwork · Enter open it · v/Esc back · q quit", row: rows - 1, column: 0,
            width: columns, style: Style(.status))
        return OverviewFrame(grid: grid, pictures: pictures)
    }
}
