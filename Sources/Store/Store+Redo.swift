import Foundation
import GRDB

/// Where an artwork's review history stands for undo and redo, replayed from its audit log.
///
/// Changes (accept, edit, redo) pile up on the undo stack; an undo takes its target off and puts itself on
/// the redo stack; a redo takes its undo off and puts itself on the undo stack (so it can be undone again);
/// a new accept or edit empties the redo stack, as in any editor.
struct UndoHistory {
    /// Entries whose change is in force, oldest first: `u` undoes the last.
    var undoable: [AuditEntry] = []
    /// Undo entries that can be reverted, oldest first: redo reverts the last.
    var redoable: [AuditEntry] = []
}

extension Store {
    /// Redoes what the newest undo of an artwork undid (when no accept or edit came since), restoring the
    /// review the undo replaced, in one transaction audited as a `redo` entry naming that undo.
    /// - Returns: the review now in force, or `nil` when the artwork is back to unreviewed.
    /// - Throws: ``StoreError/nothingToRedo(artworkID:)`` when nothing is left to redo.
    /// - Throws: ``StoreError/stale(artworkID:)`` when the artwork changed since `base` was read.
    @discardableResult
    public func redoLastUndo(_ base: ReviewBase) throws -> Review? {
        try write { db in
            try Store.restoreReview(
                db, base, action: .redo, target: \.redoable.last,
                nothing: .nothingToRedo(artworkID: base.artworkID))
        }
    }

    /// ``redoLastUndo(_:)`` on the artwork's current state, for callers that showed nothing.
    @discardableResult
    public func redoLastUndo(artworkID: Int64) throws -> Review? {
        try redoLastUndo(currentBase(artworkID: artworkID))
    }

    /// True when ``redoLastUndo(artworkID:)`` has something to redo.
    public func canRedo(artworkID: Int64) throws -> Bool {
        try read { db in try !Store.undoHistory(db, artworkID: artworkID).redoable.isEmpty }
    }

    /// Replays an artwork's review actions (accept, edit, undo, redo) into its undo and redo stacks.
    static func undoHistory(_ db: Database, artworkID: Int64) throws -> UndoHistory {
        let entries = try records(
            db, AuditEntry.self, table: "audit",
            sql: """
                SELECT * FROM audit WHERE artwork_id = ?
                AND action IN ('accept', 'edit', 'undo', 'redo', 'artwork.replace') ORDER BY id
                """, arguments: [artworkID])
        var history = UndoHistory()
        for entry in entries {
            switch entry.action {
            case .accept, .edit:
                history.undoable.append(entry)
                history.redoable.removeAll()
            case .undo:
                history.undoable.removeAll { $0.id == entry.undoes }
                history.redoable.append(entry)
            case .redo:
                history.redoable.removeAll { $0.id == entry.undoes }
                history.undoable.append(entry)
            case .replaceImage:
                // Reviews of a picture that was replaced are history: neither undone nor redone.
                history = UndoHistory()
            default:
                continue
            }
        }
        return history
    }
}
