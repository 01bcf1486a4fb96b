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

    /// Decodes a row of the `assessment` table.
    public init(row: Row) throws {
        id = row["id"]
        artworkID = row["artwork_id"]
        createdAt = row["created_at"]
        let evidenceJSON: String = row["evidence"]
        let evidence = try JSONDecoder().decode([Evidence].self, from: Data(evidenceJSON.utf8))
        // Parts that cannot be read only lose the rewriting; the critique's text is still there.
        let partsJSON: String? = row["critique_parts"]
        let parts = partsJSON.flatMap { try? JSONDecoder().decode(CritiqueParts.self, from: Data($0.utf8)) }
        assessment = Assessment(
            scores: try Scores.decode(row),
            critique: row["critique"], evidence: evidence,
            scorerID: row["scorer_id"], scorerVersion: row["scorer_version"], critiqueParts: parts,
            duration: row["duration"])
    }
}

extension Scores {
    /// Reads the five score columns of a row.
    static func decode(_ row: Row) throws -> Scores {
        try Scores(
            originality: row["originality"], color: row["color"], texture: row["texture"],
            composition: row["composition"], content: row["content"])
    }

    /// The five score columns and the total, for an insert or update.
    var columns: [String: any DatabaseValueConvertible] {
        [
            "originality": originality, "color": color, "texture": texture,
            "composition": composition, "content": content, "total": total,
        ]
    }
}
