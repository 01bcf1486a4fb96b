import Foundation
import GRDB
import Rubric
import Testing

@testable import Store

@Suite struct ReviewTests {
    func graded() throws -> (TemporaryFolder, Store, Int64) {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("db.sqlite"))
        let klass = try store.ensureClass(named: "7B")
        let id = try store.importArtwork(Fixtures.artwork(1), classID: klass.id).artworkID
        try store.addAssessment(Fixtures.assessment([10, 11, 12, 13, 14]), artworkID: id)
        return (folder, store, id)
    }

    @Test("accept, edit and undo are each audited with the review before and after")
    func auditTrail() throws {
        let (_, store, id) = try graded()
        let accepted = try store.accept(artworkID: id)
        #expect(accepted.status == .accepted && accepted.scores.total == 60)
        let edited = try store.saveReview(artworkID: id, scores: .init([20, 11, 12, 13, 14]), critique: "Brave idea.")
        #expect(edited.status == .edited)
        #expect(try store.review(artworkID: id)?.critique == "Brave idea.")

        let restored = try store.undoLastChange(artworkID: id)
        #expect(restored?.status == .accepted && restored?.scores.total == 60)
        #expect(try store.review(artworkID: id)?.status == .accepted)
        #expect(try store.undoLastChange(artworkID: id) == nil)
        #expect(try store.review(artworkID: id) == nil)
        #expect(throws: StoreError.nothingToUndo(artworkID: id)) { try store.undoLastChange(artworkID: id) }

        let audit = try store.auditEntries(artworkID: id)
        #expect(audit.map(\.action) == [.accept, .edit, .undo, .undo])
        #expect(try audit[0].reviewBefore == nil)
        #expect(try audit[0].reviewAfter?.status == .accepted)
        #expect(try audit[1].reviewBefore?.status == .accepted)
        #expect(try audit[1].reviewAfter?.critique == "Brave idea.")
        #expect(audit[2].undoes == audit[1].id)
        #expect(try audit[2].reviewBefore?.status == .edited)
        #expect(try audit[2].reviewAfter?.status == .accepted)
        #expect(audit[3].undoes == audit[0].id)
        #expect(try audit[3].reviewAfter == nil)
    }

    @Test("undo after a new change undoes the new change first, then skips what was undone")
    func linearHistory() throws {
        let (_, store, id) = try graded()
        try store.saveReview(artworkID: id, scores: .init([1, 1, 1, 1, 1]), critique: "one")
        try store.saveReview(artworkID: id, scores: .init([2, 2, 2, 2, 2]), critique: "two")
        try store.undoLastChange(artworkID: id)
        try store.saveReview(artworkID: id, scores: .init([3, 3, 3, 3, 3]), critique: "three")
        #expect(try store.undoLastChange(artworkID: id)?.critique == "one")
        #expect(try store.undoLastChange(artworkID: id) == nil)
    }

    @Test("saving the assessment's own scores and critique counts as accepted")
    func saveUnchangedIsAccepted() throws {
        let (_, store, id) = try graded()
        let review = try store.saveReview(artworkID: id, scores: .init([10, 11, 12, 13, 14]), critique: "Bold colour.")
        #expect(review.status == .accepted)
    }

    @Test("accepting an ungraded artwork is refused and changes nothing")
    func acceptUngraded() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("db.sqlite"))
        let klass = try store.ensureClass(named: "7B")
        let id = try store.importArtwork(Fixtures.artwork(1), classID: klass.id).artworkID
        #expect(throws: StoreError.noAssessment(artworkID: id)) { try store.accept(artworkID: id) }
        #expect(try store.auditEntries(artworkID: id).isEmpty)
        #expect(try store.saveReview(artworkID: id, scores: .init([1, 2, 3, 4, 5]), critique: "").status == .edited)
    }

    @Test("the audit log refuses UPDATE and DELETE")
    func appendOnly() throws {
        let (_, store, id) = try graded()
        try store.accept(artworkID: id)
        #expect(throws: (any Error).self) {
            try store.pool.write { try $0.execute(sql: "UPDATE audit SET action = 'x'") }
        }
        #expect(throws: (any Error).self) { try store.pool.write { try $0.execute(sql: "DELETE FROM audit") } }
        #expect(try store.auditEntries(artworkID: id).count == 1)
    }

    @Test("a review survives closing and reopening the database")
    func durable() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("db.sqlite")
        var id: Int64 = 0
        do {
            let store = try Store(path: path)
            let klass = try store.ensureClass(named: "7B")
            id = try store.importArtwork(Fixtures.artwork(1), classID: klass.id).artworkID
            try store.saveReview(artworkID: id, scores: .init([4, 4, 4, 4, 4]), critique: "Kept.")
        }
        let reopened = try Store(path: path)
        #expect(try reopened.review(artworkID: id)?.critique == "Kept.")
    }
}
