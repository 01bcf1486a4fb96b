import TUI

extension ReviewSession {
    /// Handles a mouse press on `target` (from the last drawn frame): the wheel scrolls the critique
    /// or moves between artworks, a click on a sub-score edits it, a click on the critique edits that.
    public mutating func click(_ target: HitTarget.Kind?, button: MouseButton) -> SessionEffect {
        let p = position ?? 0
        switch (mode, button, target) {
        case (.help, _, _):
            mode = .browsing
            return .redraw
        case (.browsing, .wheelUp, .critique?):
            critiqueScroll = max(0, critiqueScroll - 3)
        case (.browsing, .wheelDown, .critique?):
            critiqueScroll += 3
        case (.browsing, .wheelUp, _):
            move(to: p - 1)
        case (.browsing, .wheelDown, _):
            move(to: p + 1)
        case (.browsing, .left, .dimension(let dimension)?):
            guard let current else { return .none }
            var editor = ScoreEditor(scores: current.finalScores)
            editor.focus(on: dimension)
            mode = .editingScores(editor)
        case (.editingScores(var editor), .left, .dimension(let dimension)?):
            editor.focus(on: dimension)
            mode = .editingScores(editor)
        case (.browsing, .left, .critique?):
            guard let current else { return .none }
            mode = .editingCritique(TextEditor(text: current.finalCritique))
        default:
            break
        }
        return .none
    }
}
