import Foundation
import GRDB

/// What can go wrong with the Easel database, as one line that says what happened and what to do.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database was written by a newer Easel whose schema this build does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// Another program holds a lock on the database for longer than the busy timeout.
    case busy(path: String)
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// The file or its folder cannot be opened or created.
    case cannotOpen(path: String, reason: String)
    /// The file is an SQLite database but not one of Easel's.
    case foreignDatabase(path: String)
    /// No class has this name.
    case unknownClass(String)
    /// No artwork has this id.
    case unknownArtwork(Int64)
    /// The artwork has no assessment to accept.
    case noAssessment(artworkID: Int64)
    /// There is no review change left to undo for the artwork.
    case nothingToUndo(artworkID: Int64)
    /// There is no undone change to redo for the artwork (nothing was undone, or a new change came since).
    case nothingToRedo(artworkID: Int64)
    /// A value does not fit the schema (an empty class name, a bad score).
    case invalid(String)
    /// Any other SQLite error.
    case database(path: String, message: String)

    /// A one-line message: what happened and what to do.
    public var description: String {
        switch self {
        case .newerSchema(let path, let found, let supported):
            "\(path) was written by a newer Easel (schema version \(found); this Easel knows up to \(supported)); "
                + "update Easel to open it"
        case .busy(let path):
            "\(path) is locked by another program (another easel?); close it and try again"
        case .notADatabase(let path):
            "\(path) is not an Easel database (not SQLite, or damaged); pass another file with --db"
        case .cannotOpen(let path, let reason):
            "cannot open database \(path): \(reason)"
        case .foreignDatabase(let path):
            "\(path) is an SQLite database of another program, not Easel's; pass another file with --db"
        case .unknownClass(let name):
            "no class named \"\(name)\"; see the classes with `easel classes`"
        case .unknownArtwork(let id):
            "no artwork with id \(id)"
        case .noAssessment(let id):
            "artwork \(id) has no assessment to accept yet; grade the class first (`easel grade`)"
        case .nothingToUndo(let id):
            "nothing to undo for artwork \(id)"
        case .nothingToRedo(let id):
            "nothing to redo for artwork \(id)"
        case .invalid(let message):
            message
        case .database(let path, let message):
            "database error in \(path): \(message)"
        }
    }

    /// Turns any error thrown while using the database at `path` into a ``StoreError``.
    static func wrap(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let dbError = error as? DatabaseError else {
            return .database(path: path, message: "\(error)")
        }
        switch dbError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .notADatabase(path: path)
        case .SQLITE_CANTOPEN:
            return .cannotOpen(path: path, reason: "cannot open the file or its folder")
        case .SQLITE_PERM, .SQLITE_READONLY:
            return .cannotOpen(path: path, reason: "permission denied (read-only file or folder)")
        case .SQLITE_FULL:
            return .database(path: path, message: "the disk is full; free some space and try again")
        case .SQLITE_IOERR:
            return .database(path: path, message: "input/output error (\(dbError.message ?? "disk problem"))")
        default:
            return .database(path: path, message: dbError.message ?? "\(dbError.resultCode)")
        }
    }
}
