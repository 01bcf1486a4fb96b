import Foundation
import GRDB

/// What `easel check` found: SQLite's integrity and foreign-key checks, and every row of every table decoded
/// as Easel reads it. Problems name tables and row ids, never row content.
public struct CheckReport: Sendable {
    /// The database file.
    public var path: String
    /// Lines of `PRAGMA integrity_check` other than "ok".
    public var integrity: [String] = []
    /// Rows whose foreign key points at nothing, as "table row N → parent".
    public var foreignKeys: [String] = []
    /// Rows that cannot be decoded.
    public var damaged: [DamagedRow] = []
    /// Tables that cannot be read at all, with SQLite's reason.
    public var unreadableTables: [String] = []
    /// Rows read per table.
    public var rowsChecked: [String: Int] = [:]

    /// Whether nothing is wrong.
    public var isClean: Bool {
        integrity.isEmpty && foreignKeys.isEmpty && damaged.isEmpty && unreadableTables.isEmpty
    }

    /// The problems, one per line, then a one-line summary.
    public var lines: [String] {
        var lines = integrity.map { "integrity: \($0)" }
        lines += foreignKeys.map { "foreign key: \($0)" }
        lines += unreadableTables.map { "unreadable: \($0)" }
        lines += damaged.map { "undecodable: \($0.rowID.map { "row \($0)" } ?? "a row") of table \($0.table)" }
        let rows = rowsChecked.values.reduce(0, +)
        if isClean {
            lines.append("\(path): ok (\(rows) rows in \(rowsChecked.count) tables checked)")
        } else {
            lines.append(
                "\(path): \(integrity.count) integrity problem(s), \(foreignKeys.count) broken link(s), "
                    + "\(unreadableTables.count) unreadable table(s), \(damaged.count) undecodable row(s) "
                    + "(\(rows) rows read); restore a backup, or export what can be read with `easel export csv`")
        }
        return lines
    }
}

extension Store {
    /// Checks a database without changing it (a read-only connection): integrity, foreign keys, and that every
    /// row of Easel's tables decodes.
    /// - Throws: ``StoreError`` when the file is not an Easel database at all.
    public static func check(path: String) throws -> CheckReport {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.cannotOpen(path: path, reason: "no such file")
        }
        do {
            let found = try StoreOpening.inspectReadOnly(path: path, busyTimeout: 5)
            if found.applicationID != Schema.applicationID, found.tableCount > 0 {
                throw StoreError.foreignDatabase(path: path)
            }
            var configuration = Configuration()
            configuration.readonly = true
            configuration.label = "easel-check"
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in try check(db, path: path) }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    private static func check(_ db: Database, path: String) throws -> CheckReport {
        var report = CheckReport(path: path)
        do {
            report.integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check(100)").filter { $0 != "ok" }
        } catch {
            report.integrity = ["the check itself failed (\((error as? DatabaseError)?.resultCode ?? .SQLITE_ERROR))"]
        }
        if let rows = try? Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
            report.foreignKeys = rows.map { row in
                let table = (try? row.decode(String.self, atIndex: 0)) ?? "?"
                let id = (try? row.decode(Int64?.self, atIndex: 1)).flatMap { $0 }.map(String.init) ?? "?"
                let parent = (try? row.decode(String.self, atIndex: 2)) ?? "?"
                return "\(table) row \(id) refers to a missing \(parent)"
            }
        }
        var damaged: [DamagedRow] = []
        let collect: (DamagedRow) -> Void = { damaged.append($0) }
        func table<Record: FetchableRecord>(_ name: String, _ type: Record.Type, key: String = "id") -> [Record] {
            do {
                let records = try records(
                    db, Record.self, table: name, key: key, sql: "SELECT * FROM \(name)", damaged: collect)
                report.rowsChecked[name] = records.count
                return records
            } catch {
                let code = (error as? DatabaseError)?.resultCode ?? .SQLITE_ERROR
                report.unreadableTables.append("table \(name) (\(code))")
                return []
            }
        }
        _ = table("class", ClassRecord.self)
        _ = table("student", StudentRecord.self)
        _ = table("artwork", Artwork.self)
        _ = table("assessment", AssessmentRecord.self)
        _ = table("review", Review.self, key: "artwork_id")
        _ = table("calibration", CalibrationRecord.self)
        for entry in table("audit", AuditEntry.self) where [.accept, .edit, .undo].contains(entry.action) {
            if (try? entry.reviewBefore) == nil && entry.before != nil
                || (try? entry.reviewAfter) == nil
                    && entry.after != nil
            {
                damaged.append(DamagedRow(database: path, table: "audit", rowID: entry.id))
            }
        }
        report.damaged = damaged.map { DamagedRow(database: path, table: $0.table, rowID: $0.rowID) }
        return report
    }
}
