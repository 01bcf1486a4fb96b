import Foundation
import GRDB
import Rubric

extension Store {
    /// Stores an assessment of an artwork in one transaction and returns the stored record.
    /// - Parameter imageSHA256: the content hash of the picture the scorer saw; when given and the artwork's
    ///   picture was replaced meanwhile, ``StoreError/stale(artworkID:)`` is thrown and nothing is stored.
    @discardableResult
    public func addAssessment(_ assessment: Assessment, artworkID: Int64, imageSHA256: String? = nil) throws
        -> AssessmentRecord
    {
        try assessment.scores.validate()
        let evidence = String(decoding: try JSONEncoder().encode(assessment.evidence), as: UTF8.self)
        return try write { db in
            guard
                let current = try String.fetchOne(
                    db, sql: "SELECT sha256 FROM artwork WHERE id = ? AND hidden_at IS NULL", arguments: [artworkID])
            else { throw StoreError.unknownArtwork(artworkID) }
            if let imageSHA256, imageSHA256 != current { throw StoreError.stale(artworkID: artworkID) }
            var arguments: [String: (any DatabaseValueConvertible)?] = assessment.scores.columns
            let createdAt = Store.now()
            arguments["artwork_id"] = artworkID
            arguments["scorer_id"] = assessment.scorerID
            arguments["scorer_version"] = assessment.scorerVersion
            arguments["critique"] = assessment.critique
            arguments["evidence"] = evidence
            // updateValue keeps a nil (SQL NULL) where subscript assignment would drop the key.
            arguments.updateValue(
                try assessment.critiqueParts.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) },
                forKey: "critique_parts")
            arguments["duration"] = assessment.duration.isFinite ? assessment.duration : 0
            arguments["created_at"] = createdAt
            arguments["image_sha256"] = current
            try db.execute(
                sql: """
                    INSERT INTO assessment (artwork_id, scorer_id, scorer_version, originality, color, texture,
                                            composition, content, total, critique, evidence, duration, created_at,
                                            image_sha256, critique_parts)
                    VALUES (:artwork_id, :scorer_id, :scorer_version, :originality, :color, :texture, :composition,
                            :content, :total, :critique, :evidence, :duration, :created_at, :image_sha256, :critique_parts)
                    """, arguments: StatementArguments(arguments))
            guard
                let stored = try Store.records(
                    db, AssessmentRecord.self, table: "assessment", sql: "SELECT * FROM assessment WHERE id = ?",
                    arguments: [db.lastInsertedRowID]
                ).first
            else { throw StoreError.damaged(path: "", what: "the new assessment cannot be read back") }
            return stored
        }
    }

    /// The newest assessment of an artwork's current picture, or `nil` when it has none.
    public func latestAssessment(artworkID: Int64) throws -> AssessmentRecord? {
        try read { db in try Store.latestAssessment(db, artworkID: artworkID) }
    }

    /// Every assessment of an artwork, oldest first, including those of a picture it had before.
    public func assessments(artworkID: Int64) throws -> [AssessmentRecord] {
        try read { db in
            try Store.records(
                db, AssessmentRecord.self, table: "assessment",
                sql: "SELECT * FROM assessment WHERE artwork_id = ? ORDER BY id", arguments: [artworkID])
        }
    }

    /// The newest assessment of each artwork of a class (of its current picture), keyed by artwork id.
    public func latestAssessments(classID: Int64) throws -> [Int64: AssessmentRecord] {
        try read { db in try Store.latestAssessments(db, classID: classID) }
    }

    /// Assessments of the artwork's current picture (a replaced picture's stay, for the record).
    static let currentPicture = "s.image_sha256 IS (SELECT sha256 FROM artwork WHERE id = s.artwork_id)"

    static func latestAssessment(_ db: Database, artworkID: Int64) throws -> AssessmentRecord? {
        try records(
            db, AssessmentRecord.self, table: "assessment",
            sql: "SELECT s.* FROM assessment s WHERE s.artwork_id = ? AND \(currentPicture) ORDER BY s.id DESC LIMIT 1",
            arguments: [artworkID]
        ).first
    }

    static func latestAssessmentID(_ db: Database, artworkID: Int64) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT max(s.id) FROM assessment s WHERE s.artwork_id = ? AND \(currentPicture)",
            arguments: [artworkID])
    }

    static func latestAssessments(_ db: Database, classID: Int64) throws -> [Int64: AssessmentRecord] {
        let records = try records(
            db, AssessmentRecord.self, table: "assessment",
            sql: """
                SELECT s.* FROM assessment s JOIN artwork a ON a.id = s.artwork_id
                WHERE a.class_id = ? AND s.id = (
                    SELECT max(id) FROM assessment WHERE artwork_id = s.artwork_id AND image_sha256 IS a.sha256)
                """, arguments: [classID])
        return Dictionary(records.map { ($0.artworkID, $0) }, uniquingKeysWith: { a, b in a.id > b.id ? a : b })
    }
}
