import Foundation
import Imaging
import Rubric
import Store
import Synchronization
import Testing

@testable import Grading

/// A class of real PNG files in a fresh store.
final class GraderFixture {
    let folder: URL
    let store: Store
    let classID: Int64
    var ids: [Int64] = []
    var paths: [String] = []

    init(count: Int) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-grader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store(path: folder.appendingPathComponent("easel.sqlite").path)
        classID = try store.ensureClass(named: "G").id
        for i in 0..<count {
            let url = folder.appendingPathComponent("art\(i).png")
            let png = try PNGEncoder.encode(Synth.artwork(seed: UInt64(i + 1)))
            try png.write(to: url)
            paths.append(url.path)
            let new = NewArtwork(
                filePath: url.path, sha256: ArtworkFile.sha256Hex(png), byteSize: 100, width: 200, height: 150,
                title: "T\(i)", description: "a study number \(i)", studentName: "S\(i)")
            ids.append(try store.importArtwork(new, classID: classID).artworkID)
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// The built-in scorer behind a batch interface that records the batches it was given.
final class RecordingBatchScorer: Scorer {
    let inner = BuiltinScorer()
    let batchSize: Int
    let concurrency: Int
    let batches = Mutex<[[String]]>([])

    init(batchSize: Int, concurrency: Int) {
        self.batchSize = batchSize
        self.concurrency = concurrency
    }

    var id: String { inner.id }
    var version: String { inner.version }
    var preferredLongestSide: Int { inner.preferredLongestSide }

    func assess(_ artwork: ArtworkInput, context: ClassContext) async throws -> Assessment {
        inner.assessment(for: artwork, context: context)
    }

    func assess(batch: [ArtworkInput], context: ClassContext) async -> [Result<Assessment, any Error>] {
        batches.withLock { $0.append(batch.map(\.id)) }
        return batch.map { .success(inner.assessment(for: $0, context: context)) }
    }

    func classContext(for members: [ClassMember], progress: (Int, Int) -> Void) async throws -> ClassContext {
        try await inner.classContext(for: members, progress: progress)
    }
}

@Suite struct ClassGraderTests {
    @Test("grades the ungraded artworks, commits each, then has nothing to do; --force regrades all")
    func gradesAndResumes() async throws {
        let fixture = try GraderFixture(count: 5)
        let grader = ClassGrader(store: fixture.store, classID: fixture.classID, scorer: BuiltinScorer())
        let (all, todo) = try grader.todo()
        #expect(all.count == 5 && todo.count == 5)
        var events: [ClassGrader.Event] = []
        let summary = try await grader.run(todo) { events.append($0) }
        #expect(summary.graded == 5 && summary.failures.isEmpty && !summary.cancelled)
        #expect(events.contains(.measuring(done: 5, total: 5)))
        #expect(events.filter { if case .graded = $0 { true } else { false } }.count == 5)
        #expect(try fixture.store.artworksWithoutAssessment(classID: fixture.classID).isEmpty)
        #expect(try grader.todo().todo.isEmpty)

        // The stored evidence is reused: preparing again measures nothing.
        var measured = 0
        let prepared = try await grader.prepare { _, _ in measured += 1 }
        #expect(measured == 0 && prepared.context.profiles.count == 5)
        let forced = try grader.todo(force: true).todo
        #expect(forced.count == 5)
        let again = try await grader.run(forced)
        #expect(again.graded == 5)
        #expect(try fixture.store.assessments(artworkID: fixture.ids[0]).count == 2)
    }

    @Test("a scorer's batch size and concurrency shape the calls; every artwork is graded once")
    func batches() async throws {
        let fixture = try GraderFixture(count: 7)
        let scorer = RecordingBatchScorer(batchSize: 3, concurrency: 2)
        let grader = ClassGrader(store: fixture.store, classID: fixture.classID, scorer: scorer)
        var started: [[Int64]] = []
        var graded: [Int64] = []
        let summary = try await grader.run(try grader.todo().todo) { event in
            if case .started(let ids) = event { started.append(ids) }
            if case .graded(let id, _) = event {
                #expect(started.contains { $0.contains(id) }, "started is reported before graded")
                graded.append(id)
            }
        }
        #expect(summary.graded == 7)
        #expect(started.map(\.count) == [3, 3, 1])
        #expect(Set(graded) == Set(fixture.ids) && graded.count == 7)
        let calls = scorer.batches.withLock { $0 }
        #expect(calls.map(\.count).sorted() == [1, 3, 3])
    }

    @Test("cancelling stops before the next batch, keeps what was committed, and a later run resumes")
    func cancellation() async throws {
        let fixture = try GraderFixture(count: 4)
        let grader = ClassGrader(
            store: fixture.store, classID: fixture.classID, scorer: RecordingBatchScorer(batchSize: 1, concurrency: 1))
        let todo = try grader.todo().todo
        let first = try await Task {
            try await grader.run(todo) { event in
                if case .graded = event { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }.value
        #expect(first.cancelled && first.graded == 1)
        #expect(try fixture.store.artworksWithoutAssessment(classID: fixture.classID).count == 3)
        let rest = try grader.todo().todo
        let second = try await grader.run(rest)
        #expect(second.graded == 3 && !second.cancelled)
        #expect(try fixture.store.artworksWithoutAssessment(classID: fixture.classID).isEmpty)
    }

    @Test("an unreadable file fails alone, named in one line; the others are graded")
    func unreadable() async throws {
        let fixture = try GraderFixture(count: 3)
        try FileManager.default.removeItem(atPath: fixture.paths[1])
        let grader = ClassGrader(store: fixture.store, classID: fixture.classID, scorer: BuiltinScorer())
        var failed: [Int64] = []
        let summary = try await grader.run(try grader.todo().todo) { event in
            if case .failed(let id, _) = event { failed.append(id) }
        }
        #expect(summary.graded == 2 && failed == [fixture.ids[1]])
        let message = try #require(summary.failures.first?.1)
        #expect(message.contains("art1.png") && !message.contains("\n"))
    }
}
