import Foundation
import GRDB
import Rubric

extension Store {
    /// Stores an assessment of an artwork in one transaction and returns the stored record.
    @discardableResult
    public func addAssessment(_ assessment: Assessment, artworkID: Int64) throws -> AssessmentRecord {
        try assessment.scores.validate()
        let evidence = String(decoding: try JSONEncoder().encode(assessment.evidence), as: UTF8.self)
        return try write { db in
            guard try Artwork.exists(db, key: artworkID) else { throw StoreError.unknownArtwork(artworkID) }
            var arguments: [String: (any DatabaseValueConvertible)?] = assessment.scores.columns
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
            arguments["created_at"] = Date()
            try db.execute(
                sql: """
                    INSERT INTO assessment (artwork_id, scorer_id, scorer_version, originality, color, texture,
                                            composition, content, total, critique, evidence, duration, created_at,
                                            critique_parts)
                    VALUES (:artwork_id, :scorer_id, :scorer_version, :originality, :color, :texture, :composition,
                            :content, :total, :critique, :evidence, :duration, :created_at, :critique_parts)
                    """, arguments: StatementArguments(arguments))
            return try AssessmentRecord.fetchOne(
                db, sql: "SELECT * FROM assessment WHERE id = ?", arguments: [db.lastInsertedRowID])!
        }
    }

    /// The newest assessment of an artwork, or `nil` when it has none.
    public func latestAssessment(artworkID: Int64) throws -> AssessmentRecord? {
        try read { db in try Store.latestAssessment(db, artworkID: artworkID) }
    }

    /// Every assessment of an artwork, oldest first.
    public func assessments(artworkID: Int64) throws -> [AssessmentRecord] {
        try read { db in
            try AssessmentRecord.fetchAll(
                db, sql: "SELECT * FROM assessment WHERE artwork_id = ? ORDER BY id", arguments: [artworkID])
        }
    }

    /// The newest assessment of each artwork of a class, keyed by artwork id.
    public func latestAssessments(classID: Int64) throws -> [Int64: AssessmentRecord] {
        try read { db in try Store.latestAssessments(db, classID: classID) }
    }

    static func latestAssessment(_ db: Database, artworkID: Int64) throws -> AssessmentRecord? {
        try AssessmentRecord.fetchOne(
            db, sql: "SELECT * FROM assessment WHERE artwork_id = ? ORDER BY id DESC LIMIT 1", arguments: [artworkID])
    }

    static func latestAssessments(_ db: Database, classID: Int64) throws -> [Int64: AssessmentRecord] {
        let records = try AssessmentRecord.fetchAll(
            db,
            sql: """
                SELECT s.* FROM assessment s JOIN artwork a ON a.id = s.artwork_id
                WHERE a.class_id = ? AND s.id = (SELECT max(id) FROM assessment WHERE artwork_id = s.artwork_id)
                """, arguments: [classID])
        return Dictionary(records.map { ($0.artworkID, $0) }, uniquingKeysWith: { a, b in a.id > b.id ? a : b })
    }
}
