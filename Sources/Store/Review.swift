import Foundation
import GRDB
import Rubric

/// Whether a teacher has reviewed an artwork, and how.
public enum ReviewStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// No review yet: the latest assessment stands.
    case unreviewed
    /// The teacher accepted the assessment's scores and critique as they were.
    case accepted
    /// The teacher changed the scores or the critique.
    case edited
}

/// The teacher's final word on one artwork.
public struct Review: Sendable, Hashable, Codable, FetchableRecord {
    /// The artwork reviewed.
    public var artworkID: Int64
    /// The assessment the review started from, if any.
    public var assessmentID: Int64?
    /// The teacher's final scores.
    public var scores: Scores
    /// The teacher's final critique.
    public var critique: String
    /// ``ReviewStatus/accepted`` or ``ReviewStatus/edited``.
    public var status: ReviewStatus
    /// When the teacher saved it.
    public var reviewedAt: Date

    /// Creates a review value.
    public init(
        artworkID: Int64, assessmentID: Int64?, scores: Scores, critique: String, status: ReviewStatus,
        reviewedAt: Date
    ) {
        self.artworkID = artworkID
        self.assessmentID = assessmentID
        self.scores = scores
        self.critique = critique
        self.status = status
        self.reviewedAt = reviewedAt
    }

    /// Decodes a row of the `review` table; a value of the wrong type throws (never traps).
    public init(row: Row) throws {
        artworkID = try row.decode(forColumn: "artwork_id")
        assessmentID = try row.decode(forColumn: "assessment_id")
        scores = try Scores.decode(row)
        critique = try row.decode(forColumn: "critique")
        let statusText: String = try row.decode(forColumn: "status")
        guard let status = ReviewStatus(rawValue: statusText) else {
            throw StoreError.damaged(path: "", what: "review of artwork \(artworkID) has an unknown status")
        }
        self.status = status
        reviewedAt = try row.decode(forColumn: "reviewed_at")
    }

    /// Writes the review, replacing any earlier one of the same artwork.
    func save(_ db: Database) throws {
        var arguments: [String: (any DatabaseValueConvertible)?] = scores.columns
        arguments["artwork_id"] = artworkID
        arguments["assessment_id"] = .some(assessmentID)
        arguments["critique"] = critique
        arguments["status"] = status.rawValue
        arguments["reviewed_at"] = reviewedAt
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO review
                    (artwork_id, assessment_id, originality, color, texture, composition, content, total,
                     critique, status, reviewed_at)
                VALUES (:artwork_id, :assessment_id, :originality, :color, :texture, :composition, :content,
                        :total, :critique, :status, :reviewed_at)
                """, arguments: StatementArguments(arguments))
    }

    /// The review as JSON, for the audit log.
    func json() throws -> String {
        String(decoding: try AuditEntry.encoder.encode(self), as: UTF8.self)
    }

    /// A review from its audit-log JSON.
    static func from(json: String) throws -> Review {
        try AuditEntry.decoder.decode(Review.self, from: Data(json.utf8))
    }
}
