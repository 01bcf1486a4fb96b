import Foundation
import Store
import TUI

/// `x`: remove (hide) the artwork on screen from the class, after a y/n question; recoverable with
/// `easel remove --restore`, and audited.
extension ReviewSession {
    /// Asks whether to remove the current artwork.
    mutating func askRemoval() {
        guard let current else { return }
        confirmation = PendingConfirmation(
            prompt: .yesNo(
                "Remove \(name(current)) (\(current.artwork.fileName)) from \(classRecord.name)? "
                    + "(recoverable: easel remove --restore)", yes: "remove", no: "keep"),
            action: .removeArtwork(current.base))
    }

    /// Takes the answer to ``askRemoval()``.
    mutating func answerRemoval(_ base: ReviewBase, remove: Bool) -> SessionEffect {
        guard let removed = results.first(where: { $0.artwork.id == base.artworkID }) else { return .none }
        guard remove else {
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
