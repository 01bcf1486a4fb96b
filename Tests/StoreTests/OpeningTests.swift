import Foundation
import GRDB
import Testing

@testable import Store

@Suite struct OpeningTests {
    @Test("a new database is created with mode 0600, WAL, foreign keys and the current schema")
    func createsNew() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("sub/dir/easel.sqlite")
        let store = try Store(path: path)
        #expect(try store.storedSchemaVersion() == Schema.version)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let (mode, foreignKeys, tables) = try store.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            )
        }
        #expect(mode == "wal")
        #expect(foreignKeys == true)
        for table in ["artwork", "assessment", "audit", "calibration", "class", "review", "student"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test("a version 1 database keeps its data and is migrated to the current version on open")
    func migratesOlder() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("old.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: Schema.identifiers[0])
            try queue.write { db in
                try db.execute(sql: "INSERT INTO class (name, created_at) VALUES ('7B', '2025-01-01 00:00:00')")
                try db.execute(
                    sql: """
                        INSERT INTO artwork (class_id, file_path, sha256, byte_size, width, height, imported_at)
                        VALUES (1, '/x/a.png', ?, 10, 4, 3, '2025-01-01 00:00:00')
                        """, arguments: [String(repeating: "a", count: 64)])
            }
            #expect(try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == 1)
            #expect(try queue.read { try $0.tableExists("calibration") } == false)
        }
        let store = try Store(path: path)
        #expect(try store.storedSchemaVersion() == Schema.version)
        let record = try #require(try store.classNamed("7B"))
        #expect(try store.artworks(classID: record.id).map(\.fileName) == ["a.png"])
        #expect(try store.latestCalibration(scorerID: "builtin") == nil)
    }

    @Test("a database from a newer Easel is refused with a message that says so, and left unchanged")
    func refusesNewer() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("new.sqlite")
        _ = try Store(path: path)
        try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA user_version = 99") }
        let error = #expect(throws: StoreError.self) { try Store(path: path) }
        #expect(error == .newerSchema(path: path, found: 99, supported: Schema.version))
        #expect(error?.description.contains("newer Easel") == true)
        #expect(try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == 99)
    }

    @Test("a database with a migration this Easel does not know is refused")
    func refusesUnknownMigration() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("new.sqlite")
        _ = try Store(path: path)
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v3-future')")
        }
        #expect(throws: StoreError.self) { try Store(path: path) }
    }

    @Test("a file that is not a database gives a one-line error")
    func refusesNotADatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("notes.sqlite")
        try Data(String(repeating: "this is not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try Store(path: path) }
        #expect(error == .notADatabase(path: path))
        #expect(error?.description.contains("\n") == false)
    }

    @Test("another program's SQLite database is refused")
    func refusesForeign() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("other.sqlite")
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        #expect(throws: StoreError.foreignDatabase(path: path)) { try Store(path: path) }
    }

    @Test("a folder in place of the file, or an unreadable file, gives a clear error")
    func refusesUnopenable() throws {
        let folder = try TemporaryFolder()
        #expect(throws: StoreError.cannotOpen(path: folder.path, reason: "it is a folder")) {
            try Store(path: folder.path)
        }
        guard geteuid() != 0 else { return }  // root reads any file
        let path = folder.file("locked.sqlite")
        _ = try Store(path: path)
        chmod(path, 0)
        #expect(throws: StoreError.cannotOpen(path: path, reason: "permission denied")) { try Store(path: path) }
    }

    @Test("a database locked by another writer gives a busy error after the timeout")
    func busy() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("busy.sqlite")
        let store = try Store(path: path, busyTimeout: 0.2)
        let other = try DatabaseQueue(path: path)
        try other.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let error = #expect(throws: StoreError.self) { try store.ensureClass(named: "7B") }
            #expect(error == .busy(path: path))
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try store.ensureClass(named: "7B").name == "7B")
    }

    @Test("the database path comes from --db, else EASEL_DB, else XDG_DATA_HOME, else HOME")
    func location() {
        #expect(DatabaseLocation.resolve(option: "/a.sqlite", environment: ["EASEL_DB": "/b.sqlite"]) == "/a.sqlite")
        #expect(DatabaseLocation.resolve(option: nil, environment: ["EASEL_DB": "/b.sqlite"]) == "/b.sqlite")
        #expect(
            DatabaseLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"])
                == "/d/easel/easel.sqlite")
        #expect(
            DatabaseLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"])
                == "/h/.local/share/easel/easel.sqlite")
    }
}

/// A database Easel refuses is left byte for byte as it was (defect 6).
@Suite struct RefusedFileTests {
    static func bytes(_ path: String) -> [String: Data] {
        var found: [String: Data] = [:]
        for suffix in ["", "-wal", "-journal"] {
            if let data = FileManager.default.contents(atPath: path + suffix) { found[suffix] = data }
        }
        return found
    }

    @Test("another program's database (rollback journal) is refused unchanged: no WAL switch, no new file")
    func foreignUnchanged() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("other.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
                try db.execute(sql: "INSERT INTO notes (text) VALUES ('keep me')")
            }
            try queue.close()
        }
        let before = Self.bytes(path)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(throws: StoreError.foreignDatabase(path: path)) { try Store(path: path) }
        #expect(Self.bytes(path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == names.sorted())
        #expect(try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
    }

    @Test("a newer Easel's database is refused unchanged (it grew by two pages before)")
    func newerUnchanged() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("newer.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
                try db.execute(sql: "PRAGMA user_version = 7")
                try db.execute(sql: "CREATE TABLE class (id INTEGER PRIMARY KEY, name TEXT)")
                try db.execute(sql: "CREATE TABLE future_things (id INTEGER PRIMARY KEY)")
            }
            try queue.close()
        }
        let before = Self.bytes(path)
        #expect(throws: StoreError.newerSchema(path: path, found: 7, supported: Schema.version)) {
            try Store(path: path)
        }
        #expect(Self.bytes(path) == before)
    }
}
