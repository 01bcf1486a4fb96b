import Foundation
import Rubric
import Testing

@testable import Store

/// Redo replays the audit log: every undo and redo is an entry, the states chain, and undo walks back
/// through redone changes.
@Suite struct RedoTests {
    @Test("undo, undo, redo, redo, undo walks the history; each entry's before is the previous after")
    func history() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("db.sqlite"))
        let klass = try store.ensureClass(named: "7B")
        let id = try store.importArtwork(Fixtures.artwork(1), classID: klass.id).artworkID
        try store.addAssessment(Fixtures.assessment([10, 10, 10, 10, 10]), artworkID: id)
        try store.accept(artworkID: id)
        try store.saveReview(artworkID: id, scores: Scores(clamping: [20, 10, 10, 10, 10]), critique: "mine")
        #expect(try store.canRedo(artworkID: id) == false)
        #expect(throws: StoreError.self) { try store.redoLastUndo(artworkID: id) }
        #expect(try store.undoLastChange(artworkID: id)?.status == .accepted)
        #expect(try store.undoLastChange(artworkID: id) == nil)
        #expect(try store.redoLastUndo(artworkID: id)?.status == .accepted)
        #expect(try store.redoLastUndo(artworkID: id)?.critique == "mine")
        #expect(try store.canRedo(artworkID: id) == false)
        #expect(try store.undoLastChange(artworkID: id)?.status == .accepted)
        #expect(try store.redoLastUndo(artworkID: id)?.critique == "mine")
        let entries = try store.auditEntries(artworkID: id)
        #expect(entries.map(\.action) == [.accept, .edit, .undo, .undo, .redo, .redo, .undo, .redo])
        #expect(try store.auditProblems() == [])
        #expect(entries[4].undoes == entries[3].id && entries[5].undoes == entries[2].id)
        #expect(entries[6].undoes == entries[5].id && entries[7].undoes == entries[6].id)
    }

    @Test("a new accept or edit after an undo leaves nothing to redo")
    func newChangeEndsRedo() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("db.sqlite"))
        let klass = try store.ensureClass(named: "7B")
        let id = try store.importArtwork(Fixtures.artwork(1), classID: klass.id).artworkID
        try store.addAssessment(Fixtures.assessment([10, 10, 10, 10, 10]), artworkID: id)
        try store.accept(artworkID: id)
        try store.undoLastChange(artworkID: id)
        #expect(try store.canRedo(artworkID: id))
        try store.saveReview(artworkID: id, scores: Scores(clamping: [1, 2, 3, 4, 5]), critique: "new")
        #expect(try store.canRedo(artworkID: id) == false)
        #expect(try store.undoLastChange(artworkID: id) == nil)
        #expect(throws: StoreError.self) { try store.undoLastChange(artworkID: id) }
        #expect(try store.auditProblems() == [])
    }

    @Test("the audit check finds a review changed behind the log's back, and a review with no entry")
    func auditCheckFindsTampering() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("db.sqlite"))
        let klass = try store.ensureClass(named: "7B")
        let id = try store.importArtwork(Fixtures.artwork(1), classID: klass.id).artworkID
        let other = try store.importArtwork(Fixtures.artwork(2), classID: klass.id).artworkID
        try store.addAssessment(Fixtures.assessment([10, 10, 10, 10, 10]), artworkID: id)
        try store.addAssessment(Fixtures.assessment([10, 10, 10, 10, 10]), artworkID: other)
        try store.accept(artworkID: id)
        #expect(try store.auditProblems() == [])
        try store.write { db in
            try db.execute(sql: "UPDATE review SET critique = 'changed' WHERE artwork_id = ?", arguments: [id])
            try db.execute(
                sql: "INSERT INTO review SELECT \(other), assessment_id, originality, color, texture, composition, "
                    + "content, total, critique, status, reviewed_at FROM review WHERE artwork_id = ?",
                arguments: [id])
        }
        #expect(
            try store.auditProblems().sorted() == [
                "artwork \(id): the review table differs from where the audit log ends",
                "artwork \(other): a review with no audit entry",
            ])
    }
}
