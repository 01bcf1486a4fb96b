import Foundation
import Store
import TUI

/// Several windows (or teachers) on one class: every accept, edit and undo names the ``ReviewBase`` it was
/// decided on, the store refuses it when the artwork changed meanwhile, and the session then shows the
/// current state with a one-line message; changes made elsewhere are picked up on the idle tick.
extension ReviewSession {
    /// Handles a refused change: reloads and says, in one line, that nothing was saved and what is shown now.
    mutating func showStale(_ artworkID: Int64, attempted: String) {
        try? reload()
        let now = results.first { $0.artwork.id == artworkID }
        let state =
            now.map { result -> String in
                switch result.status {
                case .unreviewed:
                    result.latestAssessment.map { "now unreviewed, scorer total \($0.assessment.total)" }
                        ?? "now unreviewed, not graded"
                case .accepted, .edited:
                    "now \(result.status.rawValue), total \(result.review?.scores.total ?? 0)"
                }
            } ?? "it was removed"
        message = StatusMessage(
            "not \(attempted): \(now.map(name) ?? "the artwork") was changed elsewhere; \(state); check it and try again",
            isError: true)
    }

    /// Reloads when the database changed elsewhere, keeping the position; while a score or critique edit is
    /// open it waits (the edit keeps the base it started from, and its save is checked against it).
    /// - Returns: whether the screen changed.
    public mutating func refreshIfChanged(_ watcher: ChangeWatcher) -> Bool {
        guard case .browsing = mode else { return false }
        guard watcher.hasChanged() else { return false }
        let before = current
        do {
            try reload()
        } catch {
            message = StatusMessage("\(error)", isError: true)
            return true
        }
        if let before, let after = current, before.artwork.id == after.artwork.id, before != after {
            message = StatusMessage("\(name(after)) was changed elsewhere; showing the current state")
        }
        return true
    }
}
