import Foundation
import GRDB

/// The Easel database: one SQLite file in WAL mode, with foreign keys, migrated on open.
///
/// Every method that changes something runs in one transaction, so an interrupted program leaves
/// either the whole change or none of it. Reads may run while another process writes (WAL).
public final class Store: Sendable {
    /// The database file.
    public let path: String
    /// The schema version this build writes.
    public static let schemaVersion = Schema.version

    let pool: DatabasePool

    /// Opens the database at `path`, creating it (mode 0600, folder 0700) when missing and migrating an
    /// older schema under one immediate transaction (see ``StoreOpening``). A database written by a newer
    /// Easel, or by another program, is refused after a read-only look, unchanged.
    /// - Parameter busyTimeout: how long to wait for another program's lock before giving up.
    /// - Throws: ``StoreError`` with a one-line message.
    public init(path: String, busyTimeout: TimeInterval = 5) throws {
        self.path = path
        try Store.prepareFile(at: path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "easel"
        do {
            try StoreOpening.prepare(path: path, busyTimeout: busyTimeout)
            pool = try StoreOpening.retryingWhileBusy(for: busyTimeout) {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try pool.read { _ in }  // open a reader now, so a file that cannot be read fails here, not later
                return pool
            }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// The schema version recorded in the file (`PRAGMA user_version`).
    public func storedSchemaVersion() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    /// Runs `body` in one write transaction, translating errors to ``StoreError``.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// Runs `body` on a read-only snapshot, translating errors to ``StoreError``.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// Creates the folder (0700) and an empty file (0600) when missing, and checks that an existing
    /// file can be read.
    static func prepareFile(at path: String) throws {
        let manager = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !manager.fileExists(atPath: folder) {
            do {
                try manager.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotOpen(path: path, reason: "cannot create the folder \(folder)")
            }
        }
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw StoreError.cannotOpen(path: path, reason: "it is a folder") }
            if !manager.isReadableFile(atPath: path) {
                throw StoreError.cannotOpen(path: path, reason: "permission denied")
            }
            return
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        close(fd)
    }
}
