import Foundation
import GRDB

extension Store {
    /// Stores one imported artwork in its own transaction.
    ///
    /// - Content already in the class (same SHA-256): the title, description, student and path are updated in
    ///   place when they changed.
    /// - New content at a known file (the same path, or the same file name of the same student): the artwork's
    ///   picture is **replaced**, keeping its id and history: its earlier assessments stay (marked with the old
    ///   picture's hash), its review is taken down, and the audit log records the picture and review before.
    /// - Otherwise a new artwork is added.
    ///
    /// Every change to an existing artwork is recorded in the audit log with the values before and after.
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
            let existing = try Store.records(
                db, Artwork.self, table: "artwork", sql: "SELECT * FROM artwork WHERE class_id = ? AND sha256 = ?",
                arguments: [classID, new.sha256]
            ).first
            if let existing {
                return try Store.update(db, existing, with: new, studentID: studentID)
            }
            if let known = try Store.artworkAtKnownFile(db, classID: classID, new: new, studentID: studentID) {
                return try Store.replacePicture(db, of: known, with: new, studentID: studentID)
            }
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
    }

    /// Updates the title, description, student and path of an artwork whose content is unchanged.
    static func update(_ db: Database, _ existing: Artwork, with new: NewArtwork, studentID: Int64?) throws
        -> ImportOutcome
    {
        var artwork = existing
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
            db, artworkID: artwork.id, action: .updateArtwork, before: try existing.auditJSON(),
            after: try artwork.auditJSON(), at: Store.now())
        return .updated(artwork.id, fields: fields)
    }

    /// The shown artwork of the class whose file is the one being imported with new content: the same path, else
    /// the same file name and the same student.
    static func artworkAtKnownFile(_ db: Database, classID: Int64, new: NewArtwork, studentID: Int64?) throws
        -> Artwork?
    {
        let candidates = try visibleArtworks(db, classID: classID).filter { $0.fileName == new.fileName }
        if let samePath = candidates.first(where: { $0.filePath == new.filePath }) { return samePath }
        guard let studentID else { return nil }
        let sameStudent = candidates.filter { $0.studentID == studentID }
        return sameStudent.count == 1 ? sameStudent[0] : nil
    }

    /// Replaces the picture of an artwork, keeping its id, assessments (of the old picture) and audit history.
    static func replacePicture(_ db: Database, of old: Artwork, with new: NewArtwork, studentID: Int64?) throws
        -> ImportOutcome
    {
        var artwork = old
        artwork.sha256 = new.sha256
        artwork.byteSize = new.byteSize
        artwork.width = new.width
        artwork.height = new.height
        artwork.filePath = new.filePath
        if let title = new.title { artwork.title = title }
        if let description = new.description { artwork.description = description }
        if let studentID { artwork.studentID = studentID }
        let review = try Store.review(db, artworkID: old.id)
        try artwork.update(db)
        try db.execute(sql: "DELETE FROM review WHERE artwork_id = ?", arguments: [old.id])
        try AuditEntry.append(
            db, artworkID: old.id, action: .replaceImage,
            before: try old.auditJSON(picture: true, review: try review?.json()),
            after: try artwork.auditJSON(picture: true), at: Store.now())
        return .replaced(old.id)
    }

    /// Hides an artwork (`easel remove`, `x` in the review): it leaves the review, grading and exports, and
    /// keeps every row, so ``restoreArtwork(artworkID:)`` brings it back. Audited.
    public func hideArtwork(artworkID: Int64) throws {
        try setHidden(artworkID: artworkID, hidden: true)
    }

    /// Brings back a hidden artwork. Audited.
    public func restoreArtwork(artworkID: Int64) throws {
        try setHidden(artworkID: artworkID, hidden: false)
    }

    private func setHidden(artworkID: Int64, hidden: Bool) throws {
        try write { db in
            guard
                let before = try Store.records(
                    db, Artwork.self, table: "artwork", sql: "SELECT * FROM artwork WHERE id = ?",
                    arguments: [artworkID]
                ).first
            else { throw StoreError.unknownArtwork(artworkID) }
            guard (before.hiddenAt != nil) != hidden else { return }
            let now = Store.now()
            try db.execute(
                sql: "UPDATE artwork SET hidden_at = ? WHERE id = ?", arguments: [hidden ? now : nil, artworkID])
            try AuditEntry.append(
                db, artworkID: artworkID, action: hidden ? .hide : .restore, before: try before.auditJSON(),
                after: try before.auditJSON(), at: now)
        }
    }

    /// The artworks of a class whose file name (or path) is one of `names`, hidden ones included, in review order.
    public func artworks(classID: Int64, files names: [String]) throws -> [Artwork] {
        let wanted = Set(names)
        return try Store.ordered(
            read { db in
                try Store.records(
                    db, Artwork.self, table: "artwork", sql: "SELECT * FROM artwork WHERE class_id = ?",
                    arguments: [classID])
            }
        ).filter { wanted.contains($0.fileName) || wanted.contains($0.filePath) }
    }

    /// Whether the class already holds an artwork with this content hash.
    public func hasArtwork(classID: Int64, sha256: String) throws -> Bool {
        try read { db in
            try Artwork.filter(Column("class_id") == classID && Column("sha256") == sha256).fetchCount(db) > 0
        }
    }

    /// One artwork by id (hidden or not), or `nil`.
    public func artwork(id: Int64) throws -> Artwork? {
        try read { db in
            try Store.records(
                db, Artwork.self, table: "artwork", sql: "SELECT * FROM artwork WHERE id = ?", arguments: [id]
            )
            .first
        }
    }

    /// The artworks of a class in review order (by file name, then import order), hidden ones left out.
    public func artworks(classID: Int64) throws -> [Artwork] {
        try Store.ordered(read { db in try Store.visibleArtworks(db, classID: classID) })
    }

    /// The shown artworks of a class that have no assessment of their current picture yet, or none from
    /// `scorerID` when given.
    public func artworksWithoutAssessment(classID: Int64, scorerID: String? = nil) throws -> [Artwork] {
        try read { db in
            var sql = """
                SELECT * FROM artwork WHERE class_id = ? AND hidden_at IS NULL AND NOT EXISTS (
                    SELECT 1 FROM assessment s WHERE s.artwork_id = artwork.id AND s.image_sha256 IS artwork.sha256
                """
            var arguments: StatementArguments = [classID]
            if let scorerID {
                sql += " AND s.scorer_id = ?"
                arguments += [scorerID]
            }
            sql += ")"
            return try Store.ordered(
                Store.records(db, Artwork.self, table: "artwork", sql: sql, arguments: arguments))
        }
    }

    /// The name of an artwork's student, or `nil`.
    public func studentName(artworkID: Int64) throws -> String? {
        try read { db in try Store.studentName(db, artworkID: artworkID) }
    }

    static func studentName(_ db: Database, artworkID: Int64) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT s.name FROM artwork a JOIN student s ON s.id = a.student_id WHERE a.id = ?",
            arguments: [artworkID])
    }

    static func visibleArtworks(_ db: Database, classID: Int64) throws -> [Artwork] {
        try records(
            db, Artwork.self, table: "artwork", sql: "SELECT * FROM artwork WHERE class_id = ? AND hidden_at IS NULL",
            arguments: [classID])
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
    /// The editable fields as JSON, for the audit log; with `picture`, also the picture's hash, size and pixel
    /// size, and the review it had (as JSON) when the picture was replaced.
    func auditJSON(picture: Bool = false, review: String? = nil) throws -> String {
        var fields: [String: String] = [
            "title": title, "description": description, "file_path": filePath,
            "student_id": studentID.map(String.init) ?? "",
        ]
        if picture {
            fields["sha256"] = sha256
            fields["byte_size"] = String(byteSize)
            fields["size"] = "\(width)x\(height)"
        }
        if let review { fields["review"] = review }
        if let hiddenAt { fields["hidden_at"] = String.fromDatabaseValue(hiddenAt.databaseValue) ?? "" }
        return String(decoding: try AuditEntry.encoder.encode(fields), as: UTF8.self)
    }
}
