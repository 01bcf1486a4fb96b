import Foundation
import GRDB
import Testing

@testable import Store

@Suite struct ArtworkTests {
    @Test("importing the same content twice adds nothing; a changed description updates in place, audited")
    func idempotentImport() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("db.sqlite"))
        let klass = try store.ensureClass(named: "7B")
        let first = try store.importArtwork(
            Fixtures.artwork(1, description: "A cat", student: "Zoë"), classID: klass.id)
        guard case .added(let id) = first else { Issue.record("expected added, got \(first)"); return }
        #expect(
            try store.importArtwork(Fixtures.artwork(1, description: "A cat", student: "Zoë"), classID: klass.id)
                == .unchanged(id))
        #expect(try store.importArtwork(Fixtures.artwork(1), classID: klass.id) == .unchanged(id))
        #expect(
            try store.importArtwork(Fixtures.artwork(1, description: "A cat asleep", student: "Zoë"), classID: klass.id)
                == .updated(id, fields: ["description"]))
        let artworks = try store.artworks(classID: klass.id)
        #expect(artworks.count == 1)
        #expect(artworks.first?.description == "A cat asleep")
        #expect(try store.studentName(artworkID: id) == "Zoë")
        let audit = try store.auditEntries(artworkID: id)
        #expect(audit.map(\.action) == [.updateArtwork])
        #expect(audit.first?.before?.contains("A cat\"") == true)
        #expect(audit.first?.after?.contains("A cat asleep") == true)
    }

    @Test("the same content in two classes is two artworks")
    func perClass() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("db.sqlite"))
        let a = try store.ensureClass(named: "A")
        let b = try store.ensureClass(named: "B")
        #expect(try store.importArtwork(Fixtures.artwork(1), classID: a.id).artworkID == 1)
        #expect(try store.importArtwork(Fixtures.artwork(1), classID: b.id).artworkID == 2)
        #expect(try store.classes().map(\.counts.imported) == [1, 1])
    }

    @Test("names are stored exactly as given; NUL and empty class names are refused")
    func names() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("db.sqlite"))
        let odd = "Zoë Ångström \u{1B}[31m 王小明 \u{202E}"
        let klass = try store.ensureClass(named: odd)
        #expect(try store.classNamed(odd)?.id == klass.id)
        #expect(throws: StoreError.self) { try store.ensureClass(named: "  ") }
        #expect(throws: StoreError.self) { try store.ensureClass(named: "a\0b") }
        #expect(throws: StoreError.self) {
            try store.importArtwork(Fixtures.artwork(2, description: "x\0y"), classID: klass.id)
        }
        let id = try store.importArtwork(Fixtures.artwork(3, student: odd), classID: klass.id).artworkID
        #expect(try store.studentName(artworkID: id) == odd)
    }

    @Test("artworks come in file-name order with numbers in numeric order")
    func order() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("db.sqlite"))
        let klass = try store.ensureClass(named: "7B")
        for n in [10, 2, 1] { _ = try store.importArtwork(Fixtures.artwork(n), classID: klass.id) }
        #expect(try store.artworks(classID: klass.id).map(\.fileName) == ["art1.png", "art2.png", "art10.png"])
    }

    @Test("artworks without an assessment, latest assessment and status counts")
    func queries() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("db.sqlite"))
        let klass = try store.ensureClass(named: "7B")
        let ids = try (1...4).map { try store.importArtwork(Fixtures.artwork($0), classID: klass.id).artworkID }
        try store.addAssessment(Fixtures.assessment([1, 2, 3, 4, 5]), artworkID: ids[0])
        try store.addAssessment(Fixtures.assessment([5, 5, 5, 5, 5]), artworkID: ids[0])
        try store.addAssessment(Fixtures.assessment([9, 9, 9, 9, 9]), artworkID: ids[1])
        try store.addAssessment(Fixtures.assessment([9, 9, 9, 9, 9]), artworkID: ids[2])
        #expect(try store.artworksWithoutAssessment(classID: klass.id).map(\.id) == [ids[3]])
        #expect(try store.artworksWithoutAssessment(classID: klass.id, scorerID: "vlm").count == 4)
        let latest = try #require(try store.latestAssessment(artworkID: ids[0]))
        #expect(latest.assessment.scores.values == [5, 5, 5, 5, 5])
        #expect(latest.assessment.evidence.first?.measure == "colorfulness")
        #expect(try store.assessments(artworkID: ids[0]).count == 2)
        try store.accept(artworkID: ids[0])
        try store.saveReview(artworkID: ids[1], scores: .init([1, 1, 1, 1, 1]), critique: "Mine.")
        #expect(
            try store.statusCounts(classID: klass.id) == StatusCounts(imported: 4, graded: 3, accepted: 1, edited: 1))
        #expect(try store.statusCounts(classID: klass.id).remaining == 2)
        let results = try store.results(classID: klass.id)
        #expect(results.map(\.status) == [.accepted, .edited, .unreviewed, .unreviewed])
        #expect(results.map { $0.finalScores?.total } == [25, 5, 45, nil])
        #expect(results[1].finalCritique == "Mine.")
        #expect(results[0].scorer == "builtin 1")
    }

    @Test("an assessment with an out-of-range score or of an unknown artwork is refused")
    func badAssessment() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("db.sqlite"))
        #expect(throws: StoreError.unknownArtwork(42)) {
            try store.addAssessment(Fixtures.assessment([1, 2, 3, 4, 5]), artworkID: 42)
        }
    }

    @Test("calibrations get increasing versions per scorer")
    func calibration() throws {
        let folder = try TemporaryFolder()
        let store = try Store(path: folder.file("db.sqlite"))
        try store.addCalibration(
            scorerID: "builtin", coefficients: "[1,2]", n: 10, cvBefore: ["mae": 4], cvAfter: ["mae": 2])
        let second = try store.addCalibration(
            scorerID: "builtin", coefficients: "[3]", n: 12, cvBefore: ["mae": 3], cvAfter: ["mae": 1.5])
        #expect(second.version == 2)
        let latest = try #require(try store.latestCalibration(scorerID: "builtin"))
        #expect(latest.coefficients == "[3]" && latest.n == 12 && latest.cvAfter == ["mae": 1.5])
        #expect(try store.latestCalibration(scorerID: "vlm") == nil)
    }
}
