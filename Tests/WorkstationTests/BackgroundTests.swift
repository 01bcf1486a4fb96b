import Foundation
import Grading
import Imaging
import Store
import TUI
import TerminalGraphics
import Testing

@testable import Workstation

/// A class whose artworks are real PNG files, for the grading worker and the preview cache.
final class ImageClassFixture {
    let folder: URL
    let store: Store
    let classRecord: ClassRecord
    var ids: [Int64] = []
    var paths: [String] = []

    init(count: Int = 3) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-bg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store(path: folder.appendingPathComponent("easel.sqlite").path)
        classRecord = try store.ensureClass(named: "BG")
        for i in 0..<count {
            var image = RGBImage(width: 64, height: 48)
            for y in 0..<48 {
                for x in 0..<64 { image[x, y] = (UInt8((x * 4 + i * 50) % 256), UInt8(y * 5), UInt8(i * 70 % 256)) }
            }
            let url = folder.appendingPathComponent("art\(i).png")
            let png = try PNGEncoder.encode(image)
            try png.write(to: url)
            paths.append(url.path)
            let new = NewArtwork(
                filePath: url.path, sha256: ArtworkFile.sha256Hex(png), byteSize: 100, width: 64,
                height: 48, title: "T\(i)", description: "a study in colour number \(i)", studentName: "S\(i)")
            ids.append(try store.importArtwork(new, classID: classRecord.id).artworkID)
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

@Suite struct GradingWorkerTests {
    static func drainUntilIdle(_ worker: GradingWorker, timeout: Double = 60) -> [GradingEvent] {
        var events: [GradingEvent] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            events += worker.drain()
            if events.contains(.idle) { break }
            usleep(20_000)
        }
        return events
    }

    @Test("the worker grades every ungraded artwork with the scorer, stores each, and reports as it goes")
    func gradesClass() throws {
        let fixture = try ImageClassFixture()
        let worker = GradingWorker(store: fixture.store, classID: fixture.classRecord.id, scorer: BuiltinScorer())
        worker.start()
        let events = Self.drainUntilIdle(worker)
        for id in fixture.ids {
            #expect(events.contains(.graded(id)))
            let assessment = try #require(try fixture.store.latestAssessment(artworkID: id))
            #expect(assessment.assessment.scorerID == "builtin")
        }
        #expect(events.contains(.measuring(done: 3, total: 3)))
        #expect(try fixture.store.artworksWithoutAssessment(classID: fixture.classRecord.id).isEmpty)

        worker.regrade(fixture.ids[1])
        let again = Self.drainUntilIdle(worker)
        #expect(again.contains(.graded(fixture.ids[1])))
        #expect(try fixture.store.assessments(artworkID: fixture.ids[1]).count == 2)
    }

    @Test("an unreadable artwork is reported as failed and the others are still graded")
    func failure() throws {
        let fixture = try ImageClassFixture()
        try FileManager.default.removeItem(atPath: fixture.paths[0])
        let worker = GradingWorker(store: fixture.store, classID: fixture.classRecord.id, scorer: BuiltinScorer())
        worker.start()
        let events = Self.drainUntilIdle(worker)
        #expect(events.contains { if case .failed(fixture.ids[0], _) = $0 { true } else { false } })
        #expect(events.contains(.graded(fixture.ids[1])) && events.contains(.graded(fixture.ids[2])))
    }
}

@Suite struct PreviewCacheTests {
    @Test("the cache renders a picture in the background and keeps it; a missing file gives a reason")
    func renders() throws {
        let fixture = try ImageClassFixture(count: 1)
        let cache = PreviewCache(capacity: 2)
        let request = PreviewCache.Request(
            artworkID: fixture.ids[0], path: fixture.paths[0], mode: .sixel, cells: PixelSize(width: 20, height: 10),
            cellSize: PixelSize(width: 10, height: 20), maxSixelSize: nil, background: RGB(0, 0, 0))
        cache.request(request)
        let deadline = Date().addingTimeInterval(20)
        while cache.entry(for: request) == nil && Date() < deadline { usleep(5_000) }
        guard case .ready(let picture) = cache.entry(for: request) else {
            Issue.record("no picture")
            return
        }
        #expect(picture.cells == PixelSize(width: 20, height: 10))
        let decoded = try SixelDecoder.decode(picture.sixelBytes)
        #expect(decoded.width == 200 && decoded.height == 198)

        var missing = request
        missing.path = fixture.folder.appendingPathComponent("gone.png").path
        guard case .failed(let reason) = PreviewCache.render(missing) else {
            Issue.record("a missing file should fail")
            return
        }
        #expect(reason.contains("gone.png"))
    }
}
