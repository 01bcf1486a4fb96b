import Foundation
import Rubric
import Store
import Workstation

/// A class of three artworks in a fresh database under the temporary folder: two graded, one not.
final class SessionFixture {
    let folder: String
    let store: Store
    let classRecord: ClassRecord
    var ids: [Int64] = []

    static let scores = Scores(clamping: [14, 12, 9, 16, 11])

    init() throws {
        folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-ws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        store = try Store(path: folder + "/easel.sqlite")
        classRecord = try store.ensureClass(named: "7B")
        for (i, student) in ["Ana Pérez", "Bo Li", "Chen Wei"].enumerated() {
            let new = NewArtwork(
                filePath: folder + "/art\(i).png", sha256: String(repeating: "\(i)", count: 64), byteSize: 1000,
                width: 40, height: 30, title: "Work \(i)", description: "Description \(i)", studentName: student)
            ids.append(try store.importArtwork(new, classID: classRecord.id).artworkID)
        }
        for id in ids.prefix(2) {
            let assessment = Assessment(
                scores: Self.scores, critique: "The scorer's critique.", scorerID: "builtin", scorerVersion: "1",
                duration: 0.1)
            _ = try store.addAssessment(assessment, artworkID: id)
        }
    }

    func session() throws -> ReviewSession {
        try ReviewSession(store: store, classRecord: classRecord, scorerName: "builtin", graphics: .none)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }
}
