import Foundation
import GRDB
import Synchronization

/// A row that cannot be decoded (a damaged file, or a value written by another program): named by its
/// database, table and row id, never by its content, which may hold student data.
public struct DamagedRow: Sendable, Hashable, CustomStringConvertible {
    /// The database file.
    public var database: String
    /// The table.
    public var table: String
    /// The row's key (`id`, or `artwork_id` for reviews), when it can be read.
    public var rowID: Int64?

    /// Creates a damaged-row value.
    public init(database: String, table: String, rowID: Int64?) {
        self.database = database
        self.table = table
        self.rowID = rowID
    }

    /// One line: which row, that it was skipped, and what to run.
    public var description: String {
        let row = rowID.map { "row \($0)" } ?? "a row"
        return "\(row) of table \(table) cannot be read (damaged); it was skipped; "
            + "run `easel check --db \(database)` for a full report"
    }
}

/// The damaged rows met while this process read its databases, so that a command can go on with the rest and
/// say at the end what it skipped.
public enum DamageLog {
    private static let rows = Mutex<[DamagedRow]>([])

    /// Records one damaged row (once).
    public static func record(_ row: DamagedRow) {
        rows.withLock { if !$0.contains(row) { $0.append(row) } }
    }

    /// The damaged rows recorded so far, emptying the log.
    public static func drain() -> [DamagedRow] {
        rows.withLock { rows in
            defer { rows = [] }
            return rows
        }
    }

    /// The damaged rows recorded for one database, leaving the others.
    public static func drain(database: String) -> [DamagedRow] {
        rows.withLock { rows in
            let mine = rows.filter { $0.database == database }
            rows.removeAll { $0.database == database }
            return mine
        }
    }
}

extension Store {
    /// Decodes every row the query returns; a row that cannot be decoded is reported to `damaged` (by table and
    /// key) and skipped, so one bad value does not stop a whole command. SQLite errors (I/O, corruption of the
    /// file's structure) are thrown.
    static func records<Record: FetchableRecord>(
        _ db: Database, _ type: Record.Type = Record.self, table: String, key: String = "id", sql: String,
        arguments: StatementArguments = [], damaged: (DamagedRow) -> Void = DamageLog.record
    ) throws -> [Record] {
        try records(db, table: table, key: key, cursor: Row.fetchCursor(db, sql: sql, arguments: arguments), damaged)
    }

    /// ``records(_:_:table:key:sql:arguments:damaged:)`` for a query-interface request.
    static func records<Record: FetchableRecord>(
        _ db: Database, _ request: QueryInterfaceRequest<Record>, table: String,
        damaged: (DamagedRow) -> Void = DamageLog.record
    ) throws -> [Record] {
        try records(db, table: table, key: "id", cursor: Row.fetchCursor(db, request), damaged)
    }

    private static func records<Record: FetchableRecord>(
        _ db: Database, table: String, key: String, cursor: RowCursor, _ damaged: (DamagedRow) -> Void
    ) throws -> [Record] {
        var records: [Record] = []
        while let row = try cursor.next() {
            do {
                records.append(try Record(row: row))
            } catch let error as DatabaseError {
                throw error
            } catch {
                damaged(DamagedRow(database: db.path, table: table, rowID: try? row.decode(forColumn: key)))
            }
        }
        return records
    }
}

extension Database {
    /// The file of the main database.
    var path: String {
        ((try? String.fetchOne(self, sql: "SELECT file FROM pragma_database_list WHERE name = 'main'")) ?? nil) ?? "?"
    }
}
