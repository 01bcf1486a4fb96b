import Rubric

/// Draws the total and the five sub-scores with bars and band words; values the teacher changed
/// carry a ✎ mark and the scorer's value beside them.
struct ScorePanel {
    let item: ArtworkItem
    let editor: ScoreEditor?

    /// Draws into `rect` (six rows) and returns where the hardware cursor should go while editing.
    func draw(into grid: inout ScreenGrid, rect: Rect) -> (row: Int, column: Int)? {
        let shown = item.shownScores
        guard editor != nil || ((item.grade == .graded || item.teacherScores != nil) && shown != nil) else {
            drawUngraded(into: &grid, rect: rect)
            return nil
        }
        let labelWidth = 12
        let width = rect.width
        let barWidth = max(5, min(20, width - labelWidth - 4 - 12 - 3))
        var cursor: (row: Int, column: Int)?

        let values: [Int?] = editor?.values ?? shown?.values.map { Optional($0) } ?? []
        let total = editor?.total ?? shown?.total ?? 0
        let totalBand = Band(total: total)
        var column = rect.column
        column += grid.put("Total", row: rect.row, column: column, width: labelWidth, style: Style(.accent, bold: true))
        column = rect.column + labelWidth
        column += grid.put(
            "\(total) /100", row: rect.row, column: column, style: Style(role(totalBand), bold: true))
        column += grid.put("  \(totalBand.word)", row: rect.row, column: column, style: Style(role(totalBand)))
        if let model = item.modelScores, total != model.total {
            grid.put("  ✎ scorer \(model.total)", row: rect.row, column: column, style: Style(.edited))
        }

        for (i, dimension) in Dimension.allCases.enumerated() {
            let row = rect.row + 1 + i
            guard row < rect.bottom else { break }
            let focused = editor?.focus == i
            grid.put(
                dimension.title, row: row, column: rect.column, width: labelWidth,
                style: focused ? Style(.selection) : Style(.normal))
            var c = rect.column + labelWidth
            let value = values[i]
            let band = Band(subScore: value ?? 0)
            let filled = Int((Double(value ?? 0) / Double(Scores.maximum) * Double(barWidth)).rounded())
            c += grid.put(String(repeating: "█", count: filled), row: row, column: c, style: Style(role(band)))
            c += grid.put(
                String(repeating: "░", count: barWidth - filled), row: row, column: c, style: Style(.barEmpty))
            let text = value.map { String($0) } ?? (focused ? "" : "–")
            let field = String(repeating: " ", count: max(0, 2 - text.count)) + text
            c += 1
            if focused {
                grid.put(field, row: row, column: c, style: Style(.selection, bold: true))
                cursor = (row, c + 2)
            } else {
                grid.put(field, row: row, column: c, style: Style(role(band), bold: true))
            }
            c += 3
            c += grid.put(band.word, row: row, column: c, width: 11, style: Style(.dim))
            if let model = item.modelScores, let value, value != model[dimension] {
                grid.put(" ✎\(model[dimension])", row: row, column: c, width: rect.right - c, style: Style(.edited))
            }
        }
        return cursor
    }

    func drawUngraded(into grid: inout ScreenGrid, rect: Rect) {
        let (headline, detail): (String, String) =
            switch item.grade {
            case .notGraded(let reason): ("Not graded yet", reason)
            case .grading: ("Not graded yet", "the scorer is working on this artwork now")
            case .failed(let error): ("Grading failed", error)
            case .graded: ("Not graded yet", "")
            }
        let style = item.grade == .grading ? Style(.accent, bold: true) : Style(.error, bold: true)
        grid.put(headline, row: rect.row, column: rect.column, width: rect.width, style: style)
        let lines = TextWrap.wrap(SafeText.clean(detail), width: rect.width)
        for (i, line) in lines.prefix(rect.height - 1).enumerated() {
            grid.put(line, row: rect.row + 1 + i, column: rect.column, width: rect.width, style: Style(.dim))
        }
    }

    func role(_ band: Band) -> StyleRole {
        switch band {
        case .beginning, .developing: .scoreLow
        case .competent: .scoreMid
        case .strong, .exceptional: .scoreHigh
        }
    }
}
