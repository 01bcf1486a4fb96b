import Foundation
import Store
import TUI

extension ReviewSession {
    /// `U` or Ctrl-R: redoes the change the last `u` undid on the current artwork.
    mutating func redo() {
        guard let current else { return }
        do {
            let restored = try store.redoLastUndo(current.base)
            try reload()
            message = StatusMessage(
                "redone for \(name(current)): "
                    + (restored.map { "\($0.status.rawValue) again, total \($0.scores.total)" }
                        ?? "back to unreviewed"))
        } catch StoreError.stale(let id) {
            showStale(id, attempted: "redone")
        } catch StoreError.nothingToRedo {
            message = StatusMessage(
                "nothing to redo for \(name(current)) (u undoes, U redoes what u undid)", isError: true)
        } catch {
            message = StatusMessage("not saved: \(error)", isError: true)
        }
    }
}
