import Foundation
import GRDB

extension Store {
    /// Stores one imported artwork in its own transaction: adds it when its content hash is new to the
    /// class, else updates the title, description, student and path in place when they changed.
    ///
    /// An in-place update is recorded in the audit log with the values before and after.
    public func importArtwork(_ new: NewArtwork, classID: Int64) throws -> ImportOutcome {
        for (value, what) in [(new.title, "title"), (new.description, "description"), (new.studentName, "student")] {
            if value?.unicodeScalars.contains("\0") == true {
                throw StoreError.invalid("the \(what) contains a NUL character")
            }
        }
        guard new.sha256.count == 64, new.width > 0, new.height > 0, new.byteSize >= 0 else {
            throw StoreError.invalid("\(new.filePath): bad hash or size")
        }
        return try write { db in
            let studentID = try new.studentName.flatMap { name -> Int64? in
                name.isEmpty ? nil : try Store.ensureStudent(db, classID: classID, name: name)
            }
            if let studentID, let external = new.studentExternalID, !external.isEmpty {
                try Store.setExternalID(db, studentID: studentID, external)
            }
            let existing = try Artwork.filter(Column("class_id") == classID && Column("sha256") == new.sha256)
                .fetchOne(db)
            guard var artwork = existing else {
                try db.execute(
                    sql: """
                        INSERT INTO artwork (class_id, student_id, file_path, sha256, byte_size, width, height,
                                             title, description, imported_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        classID, studentID, new.filePath, new.sha256, new.byteSize, new.width, new.height,
                        new.title ?? "", new.description ?? "", Date(),
                    ])
                return .added(db.lastInsertedRowID)
            }
            let before = artwork
            var fields: [String] = []
            if let title = new.title, title != artwork.title {
                artwork.title = title
                fields.append("title")
            }
            if let description = new.description, description != artwork.description {
                artwork.description = description
                fields.append("description")
            }
            if let studentID, studentID != artwork.studentID {
                artwork.studentID = studentID
                fields.append("student")
            }
            if new.filePath != artwork.filePath {
                artwork.filePath = new.filePath
                fields.append("file")
            }
            guard !fields.isEmpty else { return .unchanged(artwork.id) }
            try artwork.update(db)
            try AuditEntry.append(
                db, artworkID: artwork.id, action: .updateArtwork, before: try before.auditJSON(),
                after: try artwork.auditJSON(), at: Date())
            return .updated(artwork.id, fields: fields)
        }
    }

    /// Whether the class already holds an artwork with this content hash.
    public func hasArtwork(classID: Int64, sha256: String) throws -> Bool {
        try read { db in
            try Artwork.filter(Column("class_id") == classID && Column("sha256") == sha256).fetchCount(db) > 0
        }
    }

    /// One artwork by id, or `nil`.
    public func artwork(id: Int64) throws -> Artwork? {
        try read { db in try Artwork.fetchOne(db, key: id) }
    }

    /// The artworks of a class in review order: by file name, then import order.
    public func artworks(classID: Int64) throws -> [Artwork] {
        try Store.ordered(read { db in try Artwork.filter(Column("class_id") == classID).fetchAll(db) })
    }

    /// The artworks of a class that have no assessment yet, or none from `scorerID` when given.
    public func artworksWithoutAssessment(classID: Int64, scorerID: String? = nil) throws -> [Artwork] {
        try read { db in
            var sql = "NOT EXISTS (SELECT 1 FROM assessment s WHERE s.artwork_id = artwork.id"
            var arguments: StatementArguments = []
            if let scorerID {
                sql += " AND s.scorer_id = ?"
                arguments += [scorerID]
            }
            sql += ")"
            return try Store.ordered(
                Artwork.filter(Column("class_id") == classID).filter(SQL(sql: sql, arguments: arguments)).fetchAll(db))
        }
    }

    /// The name of an artwork's student, or `nil`.
    public func studentName(artworkID: Int64) throws -> String? {
        try read { db in
            try String.fetchOne(
                db, sql: "SELECT s.name FROM artwork a JOIN student s ON s.id = a.student_id WHERE a.id = ?",
                arguments: [artworkID])
        }
    }

    /// Sorts artworks in review order: by file name (case-insensitive, numbers in numeric order), then id.
    static func ordered(_ artworks: [Artwork]) -> [Artwork] {
        artworks.sorted { a, b in
            let order = a.fileName.compare(b.fileName, options: [.caseInsensitive, .numeric])
            return order == .orderedSame ? a.id < b.id : order == .orderedAscending
        }
    }
}

extension Artwork {
    /// The editable fields as JSON, for the audit log.
    func auditJSON() throws -> String {
        let fields: [String: String] = [
            "title": title, "description": description, "file_path": filePath,
            "student_id": studentID.map(String.init) ?? "",
        ]
        return String(decoding: try AuditEntry.encoder.encode(fields), as: UTF8.self)
    }
}
