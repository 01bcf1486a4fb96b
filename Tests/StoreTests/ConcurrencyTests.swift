import Foundation
import GRDB
import Rubric
import Testing

@testable import Store

/// Two windows (two connections, as two processes have) on one class: a change decided on a state that is no
/// longer current is refused, in the same transaction as the write.
@Suite struct ConcurrencyTests {
    func twoWindows() throws -> (TemporaryFolder, Store, Store, Int64) {
        let folder = try TemporaryFolder()
        let a = try Store(path: folder.file("db.sqlite"))
        let b = try Store(path: folder.file("db.sqlite"))
        let klass = try a.ensureClass(named: "7B")
        let id = try a.importArtwork(Fixtures.artwork(1), classID: klass.id).artworkID
        try a.addAssessment(Fixtures.assessment([7, 8, 7, 8, 7], critique: "First."), artworkID: id)
        return (folder, a, b, id)
    }

    @Test("accept stores the assessment the teacher saw; a newer one written elsewhere makes it stale (defect 1)")
    func acceptNamesItsAssessment() throws {
        let (folder, a, b, id) = try twoWindows()
        defer { withExtendedLifetime(folder) {} }
        let shown = try a.result(artworkID: id)
        #expect(shown.latestAssessment?.assessment.total == 37)
        // `easel grade --force` in another terminal.
        let newer = try b.addAssessment(Fixtures.assessment([10, 11, 11, 11, 11], critique: "Second."), artworkID: id)
        #expect(throws: StoreError.stale(artworkID: id)) { try a.accept(shown.base) }
        #expect(try a.review(artworkID: id) == nil, "nothing was written")
        let current = try a.result(artworkID: id)
        let review = try a.accept(current.base)
        #expect(review.assessmentID == newer.id && review.scores.total == 54)
        #expect(StoreError.stale(artworkID: id).description.contains("nothing was saved"))
    }

    @Test("a save from a stale copy and an undo of a change never seen are refused (defect 2)")
    func staleSaveAndUndo() throws {
        let (folder, a, b, id) = try twoWindows()
        defer { withExtendedLifetime(folder) {} }
        let seenByA = try a.result(artworkID: id)
        let seenByB = try b.result(artworkID: id)
        try a.saveReview(seenByA.base, scores: try Scores([10, 10, 10, 9, 9]), critique: "First.")
        #expect(throws: StoreError.stale(artworkID: id)) {
            try b.saveReview(seenByB.base, scores: try Scores([7, 8, 7, 8, 7]), critique: "B's edit.")
        }
        #expect(try b.review(artworkID: id)?.scores.total == 48, "A's scores stay")
        let accepted = try a.accept(try a.result(artworkID: id).base)
        #expect(throws: StoreError.stale(artworkID: id)) { try b.undoLastChange(seenByB.base) }
        #expect(try a.review(artworkID: id)?.status == accepted.status, "B's u did not undo A's accept")
        #expect(try a.review(artworkID: id)?.scores == accepted.scores)
        #expect(try a.auditEntries(artworkID: id).map(\.action) == [.edit, .accept])
        // Once B shows the current state, its undo acts on what it shows.
        #expect(try b.undoLastChange(try b.result(artworkID: id).base)?.scores.total == 48)
    }

    @Test("a change watcher sees commits of other connections, not its own reads")
    func watcher() throws {
        let (folder, a, b, id) = try twoWindows()
        defer { withExtendedLifetime(folder) {} }
        let watcher = try ChangeWatcher(store: a)
        #expect(!watcher.hasChanged())
        _ = try a.results(classID: 1)
        #expect(!watcher.hasChanged())
        try b.accept(artworkID: id)
        #expect(watcher.hasChanged())
        #expect(!watcher.hasChanged())
    }

    @Test("the audit's after.reviewedAt is the stored reviewed_at to the character, in every row (smaller item)")
    func auditTimestampMatchesRow() throws {
        let (folder, a, _, id) = try twoWindows()
        defer { withExtendedLifetime(folder) {} }
        for i in 0..<60 {
            try a.saveReview(artworkID: id, scores: try Scores([i % 21, 8, 7, 8, 7]), critique: "take \(i)")
            let (stored, inAudit) = try a.read { db in
                (
                    try String.fetchOne(
                        db, sql: "SELECT reviewed_at FROM review WHERE artwork_id = ?", arguments: [id]),
                    try String.fetchOne(
                        db, sql: "SELECT json_extract(after, '$.reviewedAt') FROM audit ORDER BY id DESC LIMIT 1")
                )
            }
            #expect(stored != nil && stored == inAudit, "take \(i)")
            usleep(333)
        }
    }
}
