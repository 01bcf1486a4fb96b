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
            let reviews = try Store.records(
                db, Review.self, table: "review", key: "artwork_id",
                sql: "SELECT r.* FROM review r JOIN artwork a ON a.id = r.artwork_id WHERE a.class_id = ?",
                arguments: [classID])
            return Dictionary(reviews.map { ($0.artworkID, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Accepts the assessment the teacher saw (`base.assessmentID`) as the artwork's review, in one audited
    /// transaction.
    /// - Throws: ``StoreError/stale(artworkID:)`` when the artwork changed since `base` was read (a newer
    ///   assessment, another review change, a replaced picture): nothing is written;
    ///   ``StoreError/noAssessment(artworkID:)`` when there was no assessment to accept.
    @discardableResult
    public func accept(_ base: ReviewBase) throws -> Review {
        try write { db in
            try Store.checkBase(db, base)
            guard let assessmentID = base.assessmentID,
                let assessment = try Store.records(
                    db, AssessmentRecord.self, table: "assessment",
                    sql: "SELECT * FROM assessment WHERE id = ? AND artwork_id = ?",
                    arguments: [assessmentID, base.artworkID]
                ).first
            else { throw StoreError.noAssessment(artworkID: base.artworkID) }
            let review = Review(
                artworkID: base.artworkID, assessmentID: assessment.id, scores: assessment.assessment.scores,
                critique: assessment.assessment.critique, status: .accepted, reviewedAt: Store.now())
            try Store.change(db, artworkID: base.artworkID, to: review, action: .accept)
            return review
        }
    }

    /// Accepts the artwork's current latest assessment: for callers that showed nothing to a teacher (scripts,
    /// tests). A review screen passes the ``ReviewBase`` of what it showed to ``accept(_:)``.
    @discardableResult
    public func accept(artworkID: Int64) throws -> Review {
        try accept(currentBase(artworkID: artworkID))
    }

    /// Saves the teacher's scores and critique as the artwork's review, in one audited transaction, when the
    /// artwork is still as `base` says.
    ///
    /// The status is ``ReviewStatus/edited``, or ``ReviewStatus/accepted`` when both equal the base assessment's.
    /// - Throws: ``StoreError/stale(artworkID:)`` when the artwork changed since `base` was read.
    @discardableResult
    public func saveReview(_ base: ReviewBase, scores: Scores, critique: String) throws -> Review {
        try scores.validate()
        return try write { db in
            try Store.checkBase(db, base)
            let latest = try Store.latestAssessment(db, artworkID: base.artworkID)
            let unchanged = latest.map { $0.assessment.scores == scores && $0.assessment.critique == critique }
            let review = Review(
                artworkID: base.artworkID, assessmentID: latest?.id, scores: scores, critique: critique,
                status: unchanged == true ? .accepted : .edited, reviewedAt: Store.now())
            try Store.change(db, artworkID: base.artworkID, to: review, action: .edit)
            return review
        }
    }

    /// ``saveReview(_:scores:critique:)`` on the artwork's current state, for callers that showed nothing.
    @discardableResult
    public func saveReview(artworkID: Int64, scores: Scores, critique: String) throws -> Review {
        try saveReview(currentBase(artworkID: artworkID), scores: scores, critique: critique)
    }

    /// Undoes the newest review change of an artwork not yet undone (accept or edit), restoring the
    /// review it replaced (or no review), in one transaction that is itself audited, when the artwork is still
    /// as `base` says: a window showing an older state cannot undo a change it never saw. Repeated calls walk
    /// further back, but never past a replaced picture.
    /// - Returns: the review now in force, or `nil` when the artwork is back to unreviewed.
    /// - Throws: ``StoreError/stale(artworkID:)``, or ``StoreError/nothingToUndo(artworkID:)`` when no change
    ///   is left.
    @discardableResult
    public func undoLastChange(_ base: ReviewBase) throws -> Review? {
        try write { db in
            try Store.restoreReview(
                db, base, action: .undo, target: \.undoable.last,
                nothing: .nothingToUndo(artworkID: base.artworkID))
        }
    }

    /// Puts back the review that the chosen audit entry of the artwork's undo history replaced, audited as
    /// `action` naming that entry: undo and redo differ only in which end of the history they take.
    static func restoreReview(
        _ db: Database, _ base: ReviewBase, action: AuditEntry.Action, target pick: (UndoHistory) -> AuditEntry?,
        nothing: StoreError
    ) throws -> Review? {
        try checkBase(db, base)
        let artworkID = base.artworkID
        guard let target = pick(try undoHistory(db, artworkID: artworkID)) else { throw nothing }
        let current = try review(db, artworkID: artworkID)
        let restored = try target.reviewBefore
        if let restored {
            try restored.save(db)
        } else {
            try db.execute(sql: "DELETE FROM review WHERE artwork_id = ?", arguments: [artworkID])
        }
        try AuditEntry.append(
            db, artworkID: artworkID, action: action, before: try current?.json(), after: try restored?.json(),
            undoes: target.id, at: now())
        return restored
    }

    /// ``undoLastChange(_:)`` on the artwork's current state, for callers that showed nothing.
    @discardableResult
    public func undoLastChange(artworkID: Int64) throws -> Review? {
        try undoLastChange(currentBase(artworkID: artworkID))
    }

    /// The artwork's state now, as a base for a change.
    public func currentBase(artworkID: Int64) throws -> ReviewBase {
        try read { db in
            guard try Store.visibleArtworkExists(db, artworkID) else { throw StoreError.unknownArtwork(artworkID) }
            return ReviewBase(
                artworkID: artworkID, assessmentID: try Store.latestAssessmentID(db, artworkID: artworkID),
                revision: try Store.revision(db, artworkID: artworkID))
        }
    }

    /// Throws ``StoreError/stale(artworkID:)`` unless the artwork is still as `base` says.
    static func checkBase(_ db: Database, _ base: ReviewBase) throws {
        guard try visibleArtworkExists(db, base.artworkID) else { throw StoreError.unknownArtwork(base.artworkID) }
        let latest = try latestAssessmentID(db, artworkID: base.artworkID)
        let revision = try revision(db, artworkID: base.artworkID)
        if latest != base.assessmentID || revision != base.revision {
            throw StoreError.stale(artworkID: base.artworkID)
        }
    }

    static func visibleArtworkExists(_ db: Database, _ artworkID: Int64) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM artwork WHERE id = ? AND hidden_at IS NULL)", arguments: [artworkID])
            ?? false
    }

    /// The id of the artwork's newest audit entry, 0 when none.
    static func revision(_ db: Database, artworkID: Int64) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit WHERE artwork_id = ?", arguments: [artworkID]) ?? 0
    }

    /// The revision of every artwork of a class that has one.
    static func revisions(_ db: Database, classID: Int64) throws -> [Int64: Int64] {
        var revisions: [Int64: Int64] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT u.artwork_id AS artwork, max(u.id) AS revision FROM audit u
                JOIN artwork a ON a.id = u.artwork_id WHERE a.class_id = ? GROUP BY u.artwork_id
                """, arguments: [classID])
        while let row = try rows.next() {
            if let artwork: Int64 = try row.decode(forColumn: "artwork"),
                let revision: Int64 = try row.decode(forColumn: "revision")
            {
                revisions[artwork] = revision
            }
        }
        return revisions
    }

    /// The audit log of an artwork, oldest first.
    public func auditEntries(artworkID: Int64) throws -> [AuditEntry] {
        try read { db in
            try Store.records(
                db, AuditEntry.self, table: "audit", sql: "SELECT * FROM audit WHERE artwork_id = ? ORDER BY id",
                arguments: [artworkID])
        }
    }

    static func review(_ db: Database, artworkID: Int64) throws -> Review? {
        try records(
            db, Review.self, table: "review", key: "artwork_id", sql: "SELECT * FROM review WHERE artwork_id = ?",
            arguments: [artworkID]
        ).first
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
