import Rubric
import TerminalGraphics

/// A rendered review screen: the text grid, and the box the picture goes into (nil when no picture
/// should show, for example under the help overlay or on a screen that is too small).
public struct ReviewFrame: Sendable, Hashable {
    /// The text cells.
    public var grid: ScreenGrid
    /// The picture box, in cells.
    public var imageBox: Rect?
    /// Where the mouse can point at something.
    public var targets: [HitTarget] = []

    /// What the cell at (`row`, `column`) belongs to.
    public func target(row: Int, column: Int) -> HitTarget.Kind? {
        targets.first {
            row >= $0.rect.row && row < $0.rect.bottom && column >= $0.rect.column && column < $0.rect.right
        }?
        .kind
    }
}

/// A part of the screen the mouse can point at.
public struct HitTarget: Sendable, Hashable {
    /// What a target is.
    public enum Kind: Sendable, Hashable {
        /// A sub-score's row.
        case dimension(Dimension)
        /// The critique.
        case critique
        /// The artwork pane.
        case artwork
    }

    /// Where it is.
    public var rect: Rect
    /// What it is.
    public var kind: Kind
}

/// Turns a ``ReviewScreenModel`` into a ``ReviewFrame`` for a terminal size. Pure: no terminal needed.
public enum ReviewRenderer {
    /// Renders the model for a terminal of `rows` × `columns`.
    public static func render(_ model: ReviewScreenModel, rows: Int, columns: Int) -> ReviewFrame {
        var grid = ScreenGrid(rows: rows, columns: columns)
        let layout = ReviewLayout(rows: rows, columns: columns)
        if layout.isTooSmall {
            drawTooSmall(&grid, layout: layout)
            return ReviewFrame(grid: grid, imageBox: nil)
        }
        drawHeader(&grid, model: model, layout: layout)
        var imageBox: Rect?
        var detailTargets: [HitTarget] = []
        if let item = model.item {
            grid.frame(layout.artworkPane, title: "Artwork", style: Style(.border))
            imageBox = drawArtwork(&grid, model: model, item: item, layout: layout)
            detailTargets = drawDetails(&grid, model: model, item: item, layout: layout)
        } else {
            let text =
                model.classSize == 0
                ? "This class has no artworks yet. Quit with q and add some with easel import."
                : "No artworks match the filter '\(model.filter)'. Press / and Enter to show all."
            for (i, line) in TextWrap.wrap(text, width: columns - 4).enumerated() {
                grid.put(line, row: rows / 2 - 1 + i, column: 2, style: Style(.accent))
            }
        }
        drawMessage(&grid, model: model, layout: layout)
        drawStatus(&grid, model: model, layout: layout)
        var targets: [HitTarget] = []
        if model.item != nil {
            targets.append(HitTarget(rect: layout.artworkPane, kind: .artwork))
            targets += detailTargets
        }
        if model.mode == .help {
            HelpOverlay.draw(into: &grid)
            imageBox = nil
            targets = []
        }
        return ReviewFrame(grid: grid, imageBox: imageBox, targets: targets)
    }

    static func drawTooSmall(_ grid: inout ScreenGrid, layout: ReviewLayout) {
        let lines = [
            "Terminal too small", "\(layout.columns)×\(layout.rows); Easel needs at least 80×24.",
            "Enlarge the window, or press q to quit.",
        ]
        for (i, line) in lines.enumerated() {
            let wrapped = DisplayWidth.truncate(line, to: layout.columns)
            let column = max(0, (layout.columns - DisplayWidth.of(wrapped)) / 2)
            grid.put(wrapped, row: max(0, layout.rows / 2 - 1) + i, column: column, style: Style(.error, bold: i == 0))
        }
    }

    static func drawHeader(_ grid: inout ScreenGrid, model: ReviewScreenModel, layout: ReviewLayout) {
        var parts = [
            "Easel", SafeText.clean(model.className), "\(model.position)/\(model.count)",
            "reviewed \(model.reviewed)/\(model.classSize)", "scorer \(SafeText.clean(model.scorerName))",
        ]
        if let grading = model.grading { parts.append(grading.summary) }
        if model.filter != "all" { parts.append("filter: \(SafeText.clean(model.filter))") }
        let text = " " + parts.joined(separator: " · ")
        grid.putPadded(
            DisplayWidth.truncate(text, to: layout.columns), row: 0, column: 0, width: layout.columns,
            style: Style(.header))
    }

    static func drawArtwork(
        _ grid: inout ScreenGrid, model: ReviewScreenModel, item: ArtworkItem, layout: ReviewLayout
    ) -> Rect? {
        let box = layout.imageBox
        let caption = item.facts.prefix(2).joined(separator: " · ")
        grid.put(
            DisplayWidth.truncate(SafeText.clean(caption), to: layout.caption.width), row: layout.caption.row,
            column: layout.caption.column, style: Style(.dim))
        guard model.graphics != .none else {
            grid.put("(pictures off)", row: box.row, column: box.column + 1, style: Style(.dim))
            for (i, fact) in item.facts.prefix(box.height - 2).enumerated() {
                grid.put(fact, row: box.row + 2 + i, column: box.column + 1, width: box.width - 2)
            }
            return nil
        }
        if let note = model.pictureNote {
            for (i, line) in TextWrap.wrap(SafeText.clean(note), width: box.width - 2).prefix(box.height).enumerated() {
                grid.put(line, row: box.row + 1 + i, column: box.column + 1, style: Style(.error))
            }
            return nil
        }
        grid.fill(box, style: Style(.image))
        return box
    }

    /// Draws who, scores and critique; returns where the sub-scores and the critique are.
    static func drawDetails(
        _ grid: inout ScreenGrid, model: ReviewScreenModel, item: ArtworkItem, layout: ReviewLayout
    ) -> [HitTarget] {
        let rect = layout.details
        var row = rect.row
        let tag: (String, StyleRole) =
            switch item.status {
            case .unreviewed: ("· not reviewed", .dim)
            case .accepted: ("✓ accepted", .success)
            case .edited: ("✎ edited", .edited)
            }
        let tagWidth = DisplayWidth.of(tag.0)
        var c = rect.column
        c += grid.put(
            item.student, row: row, column: c, width: rect.width - tagWidth - 1, style: Style(.accent, bold: true))
        if !item.title.isEmpty {
            grid.put(
                " — “\(item.title)”", row: row, column: c, width: rect.right - c - tagWidth - 1, style: Style(.normal))
        }
        grid.put(tag.0, row: row, column: rect.right - tagWidth, style: Style(tag.1, bold: true))
        row += 1
        let description = item.description.isEmpty ? "(no description)" : item.description
        let lines = TextWrap.wrap(SafeText.clean(description), width: rect.width)
        for (i, line) in lines.prefix(layout.descriptionLines).enumerated() {
            let cut = i == layout.descriptionLines - 1 && lines.count > layout.descriptionLines
            let text = cut ? DisplayWidth.truncate(line + " …", to: rect.width) : line
            grid.put(text, row: row, column: rect.column, width: rect.width, style: Style(.dim))
            row += 1
        }
        row += 1
        var editor: ScoreEditor?
        if case .editingScores(let e) = model.mode { editor = e }
        let scores = ScorePanel(item: item, editor: editor)
        if let cursor = scores.draw(
            into: &grid, rect: Rect(row: row, column: rect.column, width: rect.width, height: 6))
        {
            grid.cursor = cursor
        }
        var targets = Dimension.allCases.enumerated().map { i, dimension in
            HitTarget(
                rect: Rect(row: row + 1 + i, column: rect.column, width: rect.width, height: 1),
                kind: .dimension(dimension))
        }
        row += 7
        let critiqueRect = Rect(row: row, column: rect.column, width: rect.width, height: rect.bottom - row)
        drawCritique(&grid, model: model, item: item, rect: critiqueRect)
        targets.append(HitTarget(rect: critiqueRect, kind: .critique))
        return targets
    }

    static func drawCritique(_ grid: inout ScreenGrid, model: ReviewScreenModel, item: ArtworkItem, rect: Rect) {
        guard rect.height >= 2 else { return }
        let editing: TextEditor? = {
            if case .editingCritique(let editor) = model.mode { return editor }
            return nil
        }()
        let scorer = item.scorerLabel.isEmpty ? "scorer" : item.scorerLabel
        let source = item.status == .edited ? "teacher" : item.status == .accepted ? "\(scorer), accepted" : scorer
        let title = editing != nil ? "Critique (editing)" : "Critique (\(SafeText.clean(source)))"
        let rule = "── \(title) " + String(repeating: "─", count: max(0, rect.width))
        grid.put(
            rule, row: rect.row, column: rect.column, width: rect.width,
            style: Style(editing != nil ? .accent : .border))
        let body = Rect(row: rect.row + 1, column: rect.column, width: rect.width, height: rect.height - 1)
        if var editor = editing {
            editor.width = body.width
            editor.keepCursorVisible(height: body.height)
            let ranges = editor.lines
            for (i, range) in ranges.dropFirst(editor.scroll).prefix(body.height).enumerated() {
                grid.put(String(editor.characters[range]), row: body.row + i, column: body.column, width: body.width)
            }
            let position = editor.cursorPosition
            grid.cursor = (body.row + position.line - editor.scroll, body.column + min(position.column, body.width - 1))
            return
        }
        guard let critique = item.shownCritique else {
            grid.put("No critique yet.", row: body.row, column: body.column, style: Style(.dim))
            return
        }
        let lines = TextWrap.wrap(SafeText.clean(critique, keepNewlines: true), width: body.width)
        let maxScroll = max(0, lines.count - body.height)
        let scroll = min(max(0, model.critiqueScroll), maxScroll)
        for (i, line) in lines.dropFirst(scroll).prefix(body.height).enumerated() {
            grid.put(line, row: body.row + i, column: body.column, width: body.width)
        }
        if scroll < maxScroll {
            let more = "↓ \(lines.count - scroll - body.height) more (PgDn)"
            grid.put(more, row: body.bottom - 1, column: body.right - DisplayWidth.of(more), style: Style(.accent))
        }
        if scroll > 0 { grid.put("↑ PgUp", row: rect.row, column: rect.right - 6, style: Style(.accent)) }
    }

    static func drawMessage(_ grid: inout ScreenGrid, model: ReviewScreenModel, layout: ReviewLayout) {
        let rect = layout.message
        if let prompt = model.prompt {
            prompt.draw(into: &grid, row: rect.row, width: rect.width)
            return
        }
        if case .filtering(let line) = model.mode {
            let prompt = "Filter (all, unreviewed, edited, or part of a name): "
            let used = grid.put(prompt, row: rect.row, column: 0, style: Style(.accent, bold: true))
            grid.put(line.text, row: rect.row, column: used, width: rect.width - used)
            grid.cursor = (rect.row, min(rect.width - 1, used + line.cursorColumn))
            return
        }
        var message = model.message
        if case .editingScores(let editor) = model.mode, let refusal = editor.refusal {
            message = StatusMessage(refusal, isError: true)
        }
        guard let message else { return }
        grid.put(
            " " + message.text, row: rect.row, column: 0, width: rect.width,
            style: Style(message.isError ? .error : .success, bold: true))
    }

    static func drawStatus(_ grid: inout ScreenGrid, model: ReviewScreenModel, layout: ReviewLayout) {
        var hints: String =
            switch model.mode {
            case .browsing:
                "j/k move  n next unreviewed  a accept  e scores  c critique  C $EDITOR  u/U undo/redo  r regrade  / filter  g/G first/last  ? help  q quit"
            case .editingScores:
                "0–20 type score  Tab/↑↓ next field  Backspace erase  Enter save  Esc close (asks when changed)"
            case .editingCritique:
                "Ctrl-S save  Esc close (asks when unsaved)  arrows/Home/End move  Backspace/Delete erase  Enter new line"
            case .filtering:
                "Enter apply  Esc cancel  (empty = all)"
            case .help:
                "any key closes help"
            }
        if let prompt = model.prompt { hints = prompt.hints }
        grid.putPadded(
            DisplayWidth.truncate(" " + hints, to: layout.columns), row: layout.status.row, column: 0,
            width: layout.columns, style: Style(.status))
    }
}
