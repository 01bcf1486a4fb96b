import Foundation
import GRDB
import Rubric

/// A stored assessment: what a scorer said about one artwork, and when.
public struct AssessmentRecord: Sendable, Hashable, FetchableRecord {
    /// The row id.
    public var id: Int64
    /// The artwork assessed.
    public var artworkID: Int64
    /// The scores, critique, evidence, scorer and timing.
    public var assessment: Assessment
    /// When it was stored.
    public var createdAt: Date
    /// The SHA-256 of the picture assessed (the artwork's image when it was assessed), or `nil` when unknown.
    public var imageSHA256: String?

    /// Creates a record value.
    public init(id: Int64, artworkID: Int64, assessment: Assessment, createdAt: Date, imageSHA256: String?) {
        self.id = id
        self.artworkID = artworkID
        self.assessment = assessment
        self.createdAt = createdAt
        self.imageSHA256 = imageSHA256
    }

    /// Decodes a row of the `assessment` table; a value of the wrong type throws (never traps).
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        artworkID = try row.decode(forColumn: "artwork_id")
        createdAt = try row.decode(forColumn: "created_at")
        imageSHA256 = try row.decode(forColumn: "image_sha256")
        let evidenceJSON: String = try row.decode(forColumn: "evidence")
        let evidence = try JSONDecoder().decode([Evidence].self, from: Data(evidenceJSON.utf8))
        // Parts that cannot be read only lose the rewriting; the critique's text is still there.
        let partsJSON: String? = try? row.decode(forColumn: "critique_parts")
        let parts = partsJSON.flatMap { try? JSONDecoder().decode(CritiqueParts.self, from: Data($0.utf8)) }
        assessment = Assessment(
            scores: try Scores.decode(row),
            critique: try row.decode(forColumn: "critique"), evidence: evidence,
            scorerID: try row.decode(forColumn: "scorer_id"),
            scorerVersion: try row.decode(forColumn: "scorer_version"), critiqueParts: parts,
            duration: try row.decode(forColumn: "duration"))
    }
}

extension Scores {
    /// Reads the five score columns of a row.
    static func decode(_ row: Row) throws -> Scores {
        try Scores(
            originality: row.decode(forColumn: "originality"), color: row.decode(forColumn: "color"),
            texture: row.decode(forColumn: "texture"), composition: row.decode(forColumn: "composition"),
            content: row.decode(forColumn: "content"))
    }

    /// The five score columns and the total, for an insert or update.
    var columns: [String: any DatabaseValueConvertible] {
        [
            "originality": originality, "color": color, "texture": texture,
            "composition": composition, "content": content, "total": total,
        ]
    }
}
