import Rubric

/// The `b` overlay: the rubric's five dimensions with what each looks at, and the bands with their points and
/// words, as in the rubric the teacher grades with.
public enum RubricCard {
    /// The card's lines: (label, text).
    public static var lines: [(String, String)] {
        var out: [(String, String)] = [("", RubricText.summary)]
        for dimension in Rubric.Dimension.allCases { out.append((dimension.title, RubricText.looksAt(dimension))) }
        out.append(("", ""))
        for band in Band.allCases.reversed() {
            let range = band.subScoreRange
            out.append(("\(range.lowerBound)–\(range.upperBound)", band.word))
        }
        out.append(("", RubricText.totalBands))
        return out
    }

    /// Draws the card over `grid`.
    public static func draw(into grid: inout ScreenGrid) {
        let width = min(grid.columns - 4, 96)
        let textWidth = width - 19
        var wrapped: [(String, String)] = []
        for (label, text) in lines {
            let parts = text.isEmpty ? [""] : TextWrap.wrap(text, width: textWidth)
            for (i, part) in parts.enumerated() { wrapped.append((i == 0 ? label : "", part)) }
        }
        let height = min(grid.rows - 2, wrapped.count + 4)
        let rect = Rect(row: (grid.rows - height) / 2, column: (grid.columns - width) / 2, width: width, height: height)
        grid.fill(rect, style: Style(.overlay))
        grid.frame(rect, title: "Rubric (any key closes)", style: Style(.overlay, bold: true))
        for (i, entry) in wrapped.prefix(height - 4).enumerated() {
            let row = rect.row + 2 + i
            grid.put(entry.0, row: row, column: rect.column + 3, width: 13, style: Style(.overlay, bold: true))
            grid.put(entry.1, row: row, column: rect.column + 17, width: textWidth, style: Style(.overlay))
        }
    }
}
