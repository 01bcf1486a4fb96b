import Foundation
import GRDB

extension Store {
    /// The class with this name, or `nil`.
    public func classNamed(_ name: String) throws -> ClassRecord? {
        try read { db in try Store.classNamed(db, name) }
    }

    /// The class with this name.
    /// - Throws: ``StoreError/unknownClass(_:)`` when there is none.
    public func requireClass(_ name: String) throws -> ClassRecord {
        guard let record = try classNamed(name) else { throw StoreError.unknownClass(name) }
        return record
    }

    /// The class with this name, created when missing.
    public func ensureClass(named name: String) throws -> ClassRecord {
        try Store.validateName(name, what: "class name")
        return try write { db in try Store.ensureClass(db, name: name) }
    }

    /// Every class with its progress counts, by name.
    public func classes() throws -> [ClassSummary] {
        try read { db in
            let records = try Store.records(
                db, ClassRecord.self, table: "class", sql: "SELECT * FROM class ORDER BY name COLLATE NOCASE")
            return try records.map { ClassSummary(record: $0, counts: try Store.statusCounts(db, classID: $0.id)) }
        }
    }

    /// The students of a class, by name.
    public func students(classID: Int64) throws -> [StudentRecord] {
        try read { db in
            try Store.records(
                db, StudentRecord.self, table: "student", sql: "SELECT * FROM student WHERE class_id = ? ORDER BY name",
                arguments: [classID])
        }
    }

    /// Imported, graded, reviewed (accepted / edited) and remaining artworks of a class.
    public func statusCounts(classID: Int64) throws -> StatusCounts {
        try read { db in try Store.statusCounts(db, classID: classID) }
    }

    static func statusCounts(_ db: Database, classID: Int64) throws -> StatusCounts {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*) AS imported,
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM assessment s WHERE s.artwork_id = a.id
                                                        AND s.image_sha256 IS a.sha256)) AS graded,
                       count(r.artwork_id) FILTER (WHERE r.status = 'accepted') AS accepted,
                       count(r.artwork_id) FILTER (WHERE r.status = 'edited') AS edited
                FROM artwork a LEFT JOIN review r ON r.artwork_id = a.id
                WHERE a.class_id = ? AND a.hidden_at IS NULL
                """, arguments: [classID])
        return StatusCounts(
            imported: try row?.decode(forColumn: "imported") ?? 0, graded: try row?.decode(forColumn: "graded") ?? 0,
            accepted: try row?.decode(forColumn: "accepted") ?? 0, edited: try row?.decode(forColumn: "edited") ?? 0)
    }

    static func ensureClass(_ db: Database, name: String) throws -> ClassRecord {
        if let existing = try classNamed(db, name) { return existing }
        try db.execute(sql: "INSERT INTO class (name, created_at) VALUES (?, ?)", arguments: [name, Date()])
        return ClassRecord(id: db.lastInsertedRowID, name: name, createdAt: Date())
    }

    static func classNamed(_ db: Database, _ name: String) throws -> ClassRecord? {
        try records(db, ClassRecord.self, table: "class", sql: "SELECT * FROM class WHERE name = ?", arguments: [name])
            .first
    }

    static func ensureStudent(_ db: Database, classID: Int64, name: String) throws -> Int64 {
        if let id = try Int64.fetchOne(
            db, sql: "SELECT id FROM student WHERE class_id = ? AND name = ?", arguments: [classID, name])
        {
            return id
        }
        try db.execute(sql: "INSERT INTO student (class_id, name) VALUES (?, ?)", arguments: [classID, name])
        return db.lastInsertedRowID
    }

    static func validateName(_ name: String, what: String) throws {
        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError.invalid("the \(what) is empty")
        }
        if name.unicodeScalars.contains("\0") {
            throw StoreError.invalid("the \(what) contains a NUL character")
        }
    }
}
