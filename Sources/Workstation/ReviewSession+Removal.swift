import Foundation
import Store
import TUI

/// `x`: remove (hide) the artwork on screen from the class, after a y/n question; recoverable with
/// `easel remove --restore`, and audited.
extension ReviewSession {
    /// Asks whether to remove the current artwork.
    mutating func askRemoval() {
        guard let current else { return }
        pendingRemoval = current.base
        message = StatusMessage(
            "remove \(name(current)) (\(current.artwork.fileName)) from \(classRecord.name)? "
                + "y removes it (recoverable), any other key keeps it")
    }

    /// Takes the answer to ``askRemoval()``.
    mutating func answerRemoval(_ key: Key) -> SessionEffect {
        guard let base = pendingRemoval else { return .none }
        pendingRemoval = nil
        guard let removed = results.first(where: { $0.artwork.id == base.artworkID }) else { return .none }
        guard key == .character("y") || key == .character("Y") else {
            message = StatusMessage("kept \(name(removed)); nothing changed")
            return .none
        }
        let position = self.position ?? 0
        do {
            try store.hideArtwork(artworkID: base.artworkID)
            try reload()
            move(to: position)
            message = StatusMessage(
                "removed \(name(removed)) from the class; bring it back with "
                    + "easel remove --restore --class \(classRecord.name) \(removed.artwork.fileName)")
        } catch {
            message = StatusMessage("not removed: \(error)", isError: true)
        }
        return .redraw
    }
}
