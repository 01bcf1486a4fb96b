import Foundation
import GRDB
import Rubric

extension Store {
    /// The teacher's review of an artwork, or `nil` when it has none.
    public func review(artworkID: Int64) throws -> Review? {
        try read { db in try Store.review(db, artworkID: artworkID) }
    }

    /// The reviews of a class, keyed by artwork id.
    public func reviews(classID: Int64) throws -> [Int64: Review] {
        try read { db in
            let reviews = try Review.fetchAll(
                db,
                sql: "SELECT r.* FROM review r JOIN artwork a ON a.id = r.artwork_id WHERE a.class_id = ?",
                arguments: [classID])
            return Dictionary(reviews.map { ($0.artworkID, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Accepts the artwork's latest assessment as its review, in one audited transaction.
    /// - Throws: ``StoreError/noAssessment(artworkID:)`` when it has no assessment.
    @discardableResult
    public func accept(artworkID: Int64) throws -> Review {
        try write { db in
            guard try Artwork.exists(db, key: artworkID) else { throw StoreError.unknownArtwork(artworkID) }
            guard let latest = try Store.latestAssessment(db, artworkID: artworkID) else {
                throw StoreError.noAssessment(artworkID: artworkID)
            }
            let review = Review(
                artworkID: artworkID, assessmentID: latest.id, scores: latest.assessment.scores,
                critique: latest.assessment.critique, status: .accepted, reviewedAt: Store.now())
            try Store.change(db, artworkID: artworkID, to: review, action: .accept)
            return review
        }
    }

    /// Saves the teacher's scores and critique as the artwork's review, in one audited transaction.
    ///
    /// The status is ``ReviewStatus/edited``, or ``ReviewStatus/accepted`` when both equal the latest
    /// assessment's.
    @discardableResult
    public func saveReview(artworkID: Int64, scores: Scores, critique: String) throws -> Review {
        try scores.validate()
        return try write { db in
            guard try Artwork.exists(db, key: artworkID) else { throw StoreError.unknownArtwork(artworkID) }
            let latest = try Store.latestAssessment(db, artworkID: artworkID)
            let unchanged = latest.map { $0.assessment.scores == scores && $0.assessment.critique == critique }
            let review = Review(
                artworkID: artworkID, assessmentID: latest?.id, scores: scores, critique: critique,
                status: unchanged == true ? .accepted : .edited, reviewedAt: Store.now())
            try Store.change(db, artworkID: artworkID, to: review, action: .edit)
            return review
        }
    }

    /// Undoes the newest review change of an artwork not yet undone (accept or edit), restoring the
    /// review it replaced (or no review), in one transaction that is itself audited. Repeated calls walk
    /// further back.
    /// - Returns: the review now in force, or `nil` when the artwork is back to unreviewed.
    /// - Throws: ``StoreError/nothingToUndo(artworkID:)`` when no change is left.
    @discardableResult
    public func undoLastChange(artworkID: Int64) throws -> Review? {
        try write { db in
            guard let target = try Store.undoHistory(db, artworkID: artworkID).undoable.last else {
                throw StoreError.nothingToUndo(artworkID: artworkID)
            }
            let current = try Store.review(db, artworkID: artworkID)
            let restored = try target.reviewBefore
            if let restored {
                try restored.save(db)
            } else {
                try db.execute(sql: "DELETE FROM review WHERE artwork_id = ?", arguments: [artworkID])
            }
            try AuditEntry.append(
                db, artworkID: artworkID, action: .undo, before: try current?.json(), after: try restored?.json(),
                undoes: target.id, at: Store.now())
            return restored
        }
    }

    /// The audit log of an artwork, oldest first.
    public func auditEntries(artworkID: Int64) throws -> [AuditEntry] {
        try read { db in
            try AuditEntry.fetchAll(
                db, sql: "SELECT * FROM audit WHERE artwork_id = ? ORDER BY id", arguments: [artworkID])
        }
    }

    static func review(_ db: Database, artworkID: Int64) throws -> Review? {
        try Review.fetchOne(db, sql: "SELECT * FROM review WHERE artwork_id = ?", arguments: [artworkID])
    }

    /// Replaces the review and appends the audit entry with the states before and after.
    static func change(_ db: Database, artworkID: Int64, to review: Review, action: AuditEntry.Action) throws {
        let before = try Store.review(db, artworkID: artworkID)
        try review.save(db)
        try AuditEntry.append(
            db, artworkID: artworkID, action: action, before: try before?.json(), after: try review.json(),
            at: review.reviewedAt)
    }

    /// Now, to the millisecond the database keeps.
    static func now() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
