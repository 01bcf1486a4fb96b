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
    /// The artwork changed elsewhere (another review window, `easel grade`, a re-import) after the state the
    /// change was based on was read; nothing was written.
    case stale(artworkID: Int64)
    /// The file's structure or a row in it is damaged.
    case damaged(path: String, what: String)
    /// The disk holding the database has no space left.
    case diskFull(path: String)
    /// An artwork's image file no longer has the content that was imported (and graded).
    case fileChanged(path: String)
    /// An artwork's image file cannot be read.
    case unreadableFile(path: String, reason: String)

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
        case .stale(let id):
            "artwork \(id) was changed elsewhere (another window, easel grade or import) since it was shown; "
                + "nothing was saved; check the current state and try again"
        case .damaged(let path, let what):
            "\(path) is damaged (\(what)); run `easel check --db \(path)` for a full report, or restore a backup"
        case .diskFull(let path):
            "the disk holding \(path) is full; nothing of the failed change was saved; free some space and try again"
        case .fileChanged(let path):
            "\(path) changed since it was imported (not the picture that was graded); "
                + "import its folder again to replace the picture"
        case .unreadableFile(let path, let reason):
            "cannot read \(path) (\(reason)); put the file back or remove the artwork with `easel remove`"
        }
    }

    /// Turns any error thrown while using the database at `path` into a ``StoreError``.
    static func wrap(_ error: any Error, path: String) -> StoreError {
        if case .damaged(let found, let what) = error as? StoreError, found.isEmpty {
            return .damaged(path: path, what: what)
        }
        if let error = error as? StoreError { return error }
        guard let dbError = error as? DatabaseError else {
            // A row that does not decode: its description would print the row (student data), so say only that.
            return .damaged(path: path, what: "a row cannot be read")
        }
        switch dbError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path)
        case .SQLITE_NOTADB:
            return .notADatabase(path: path)
        case .SQLITE_CORRUPT:
            return .damaged(path: path, what: "SQLite reports a malformed file")
        case .SQLITE_CANTOPEN:
            return .cannotOpen(path: path, reason: "cannot open the file or its folder")
        case .SQLITE_PERM, .SQLITE_READONLY:
            return .cannotOpen(path: path, reason: "permission denied (read-only file or folder)")
        case .SQLITE_FULL:
            return .diskFull(path: path)
        case .SQLITE_IOERR:
            // SQLite reports a failed write on a full disk as an I/O error: look at the free space to tell.
            if DiskSpace.isFull(near: path) { return .diskFull(path: path) }
            return .database(path: path, message: "input/output error (\(dbError.message ?? "disk problem"))")
        default:
            return .database(path: path, message: dbError.message ?? "\(dbError.resultCode)")
        }
    }
}

/// Free space on the file system holding a file.
public enum DiskSpace {
    /// Whether the file system holding `path` (or its folder) has fewer than `threshold` bytes free for
    /// unprivileged writers.
    public static func isFull(near path: String, threshold: UInt64 = 64 * 1024) -> Bool {
        var folder = path
        var info = statvfs()
        while statvfs(folder, &info) != 0 {
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { return false }
            folder = parent
        }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < threshold
    }
}
