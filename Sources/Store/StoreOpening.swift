import Foundation
import GRDB

/// How a database file is opened: looked at read-only first, refused unchanged when it is not Easel's or is
/// newer, then created or migrated in one `BEGIN IMMEDIATE` transaction, so that several programs opening a
/// new file at once see either no schema or the whole of it.
///
/// GRDB's `DatabaseMigrator` reads the applied migrations before it starts each migration's transaction; two
/// first opens at once then both create the tables ("table class already exists", 8 of 80 concurrent first
/// opens before this), and the pool's WAL switch changed a foreign file before it was refused.
enum StoreOpening {
    /// What a read-only look at the file found.
    struct Inspection: Equatable {
        var applicationID: Int32
        var userVersion: Int
        var tableCount: Int
        var appliedMigrations: Set<String>

        /// Whether every migration of this build is applied and nothing else.
        var isCurrent: Bool { appliedMigrations == Set(Schema.identifiers) && userVersion == Schema.version }
    }

    /// Inspects the file without changing it, refuses it when Easel must not touch it, and migrates it under
    /// an immediate transaction when it is new or older.
    static func prepare(path: String, busyTimeout: TimeInterval) throws {
        try retryingWhileBusy(for: busyTimeout) { try prepareOnce(path: path, busyTimeout: busyTimeout) }
    }

    private static func prepareOnce(path: String, busyTimeout: TimeInterval) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > 0 {
            let found = try inspectReadOnly(path: path, busyTimeout: busyTimeout)
            try verdict(found, path: path)
            if found.isCurrent { return }
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false  // a migration may rebuild tables; checked before commit
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "easel-migrate"
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let found = try inspect(db)
                try verdict(found, path: path)
                try migrate(db, applied: found.appliedMigrations)
                return .commit
            }
            // Switch to WAL here, under the busy timeout, once the schema is in: the pool's own switch of a new
            // file raced with other first opens and returned SQLITE_BUSY at once (7 of 240 opens).
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        }
        try queue.close()
    }

    /// Runs `body` again while SQLite answers SQLITE_BUSY without waiting (WAL recovery or a journal-mode change by
    /// another program opening the file at the same moment), for up to `seconds`.
    static func retryingWhileBusy<T>(for seconds: TimeInterval, _ body: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(UInt32.random(in: 10_000...50_000))
            }
        }
    }

    /// Reads the header fields and table list through a read-only connection.
    static func inspectReadOnly(path: String, busyTimeout: TimeInterval) throws -> Inspection {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "easel-inspect"
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read(inspect)
    }

    static func inspect(_ db: Database) throws -> Inspection {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        let applied =
            tables.contains("grdb_migrations")
            ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
        return Inspection(
            applicationID: applicationID, userVersion: userVersion, tableCount: tables.count,
            appliedMigrations: applied)
    }

    /// Refuses a newer Easel's database and another program's.
    static func verdict(_ found: Inspection, path: String) throws {
        let unknown = found.appliedMigrations.subtracting(Schema.identifiers)
        if found.userVersion > Schema.version || !unknown.isEmpty {
            throw StoreError.newerSchema(
                path: path, found: max(found.userVersion, Schema.version + 1), supported: Schema.version)
        }
        if found.applicationID != Schema.applicationID, found.tableCount > 0 {
            throw StoreError.foreignDatabase(path: path)
        }
    }

    /// Applies the missing migrations in order, inside the caller's transaction.
    static func migrate(_ db: Database, applied: Set<String>) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        for (index, migration) in Schema.migrations.enumerated() where !applied.contains(migration.identifier) {
            try migration.apply(db)
            try db.execute(
                sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
            try db.execute(sql: "PRAGMA user_version = \(index + 1)")
        }
        if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil {
            throw StoreError.invalid("the schema upgrade would break links between rows; run `easel check`")
        }
    }
}
