import Foundation
import GRDB

extension Store {
    /// The class with this name, or `nil`.
    public func classNamed(_ name: String) throws -> ClassRecord? {
        try read { db in try ClassRecord.filter(Column("name") == name).fetchOne(db) }
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
            let records = try ClassRecord.order(Column("name").collating(.nocase)).fetchAll(db)
            return try records.map { ClassSummary(record: $0, counts: try Store.statusCounts(db, classID: $0.id)) }
        }
    }

    /// The students of a class, by name.
    public func students(classID: Int64) throws -> [StudentRecord] {
        try read { db in
            try StudentRecord.filter(Column("class_id") == classID).order(Column("name")).fetchAll(db)
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
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM assessment s WHERE s.artwork_id = a.id)) AS graded,
                       count(r.artwork_id) FILTER (WHERE r.status = 'accepted') AS accepted,
                       count(r.artwork_id) FILTER (WHERE r.status = 'edited') AS edited
                FROM artwork a LEFT JOIN review r ON r.artwork_id = a.id
                WHERE a.class_id = ?
                """, arguments: [classID])
        return StatusCounts(
            imported: row?["imported"] ?? 0, graded: row?["graded"] ?? 0,
            accepted: row?["accepted"] ?? 0, edited: row?["edited"] ?? 0)
    }

    static func ensureClass(_ db: Database, name: String) throws -> ClassRecord {
        if let existing = try ClassRecord.filter(Column("name") == name).fetchOne(db) { return existing }
        try db.execute(sql: "INSERT INTO class (name, created_at) VALUES (?, ?)", arguments: [name, Date()])
        return ClassRecord(id: db.lastInsertedRowID, name: name, createdAt: Date())
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
