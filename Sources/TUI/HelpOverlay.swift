/// The `?` overlay: every key, grouped by what it does.
enum HelpOverlay {
    static let entries: [(String, String)] = [
        ("j  ↓", "next artwork"), ("k  ↑", "previous artwork"), ("n", "next unreviewed artwork"),
        ("g  G", "first / last artwork"),
        ("a  A", "accept the scorer's scores and critique (asks over your edits; A: then the next unreviewed)"),
        ("e", "edit scores (Tab/↑↓ move, type 0–20, Enter saves, Esc asks when changed)"),
        ("c  C", "edit the critique here (Ctrl-S saves; Esc asks: save, discard or keep) · C: in $EDITOR"),
        ("u  U ^R", "undo the last change to this artwork; U or Ctrl-R redoes what u undid"),
        ("w", "rewrite the critique's band words and total from the scores"),
        ("r", "grade this artwork again"),
        ("/", "filter: all, unreviewed, edited, accepted, or words of a name, title or description"),
        ("f  o", "find a student by part of the name · class overview (s sorts, Enter opens)"),
        ("v  b", "compare with another artwork · the rubric card"),
        ("PgUp/Dn ^L", "scroll the critique; Ctrl-L redraws the screen"), ("?  F1", "this help"),
        ("q", "quit (every confirmed change is already saved)"),
    ]

    static func draw(into grid: inout ScreenGrid) {
        let width = min(grid.columns - 4, 86)
        let height = min(grid.rows - 4, entries.count + 4)
        let rect = Rect(row: (grid.rows - height) / 2, column: (grid.columns - width) / 2, width: width, height: height)
        grid.fill(rect, style: Style(.overlay))
        grid.frame(rect, title: "Keys", style: Style(.overlay, bold: true))
        for (i, entry) in entries.prefix(height - 4).enumerated() {
            let row = rect.row + 2 + i
            grid.put(entry.0, row: row, column: rect.column + 3, width: 11, style: Style(.overlay, bold: true))
            grid.put(entry.1, row: row, column: rect.column + 15, width: width - 18, style: Style(.overlay))
        }
    }
}
