import CSV
import ClassImport
import EaselTestSupport
import Foundation
import GRDB
import Store
import Testing

@Suite(.serialized) final class CLITests {
    let root: String

    init() throws {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }

    @Test(
        "a corrupt JPEG and a text file named .png are reported by name; the phone photo imports upright",
        .enabled(if: TestEnvironment.hasSharedImages, "needs ../shared/data/images"))
    func acceptanceBadFiles() throws {
        let shared = TestEnvironment.sharedImages.path
        let photo = (shared as NSString).appendingPathComponent("drawing-garlic.png")
        let painting = (shared as NSString).appendingPathComponent("painting-shipwreck.jpg")
        let folder = path("class")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: photo, toPath: (folder as NSString).appendingPathComponent("garlic.png"))
        var jpeg = try Data(contentsOf: URL(fileURLWithPath: painting))
        for i in stride(from: jpeg.count / 4, to: jpeg.count / 2, by: 5) { jpeg[i] = 0xFF }
        try jpeg.write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("broken.jpg")))
        try Data("a text file, not a picture\n".utf8).write(
            to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("notes.png")))

        let result = try EaselBinary.run(["import", folder, "--class", "acceptance", "--db", path("db.sqlite")])
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").map(String.init)
        #expect(errors.contains { $0.hasPrefix("broken.jpg: ") && $0.count > "broken.jpg: ".count }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("notes.png: not an image") }, "\(errors)")
        #expect(result.stdout.contains("1 added"))
        let store = try Store(path: path("db.sqlite"))
        let artworks = try store.artworks(classID: try store.requireClass("acceptance").id)
        #expect(artworks.map(\.fileName) == ["garlic.png"])
        #expect(artworks.first.map { ($0.width, $0.height) } ?? (0, 0) == (3024, 4032))
    }

    @Test("Samples: import, export at least 12 rows with the report's columns; a second import adds nothing")
    func samplesRoundTrip() throws {
        let samples = (EaselBinary.repositoryRoot as NSString).appendingPathComponent("Samples")
        let db = ["--db", path("db.sqlite")]
        let first = try EaselBinary.run(["import", samples, "--class", "demo"] + db)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try EaselBinary.run(["import", samples, "--class", "demo"] + db)
        #expect(second.stdout.contains("0 added, 0 updated"), "\(second.stdout)")
        let export = try EaselBinary.run(["export", "csv", "--class", "demo"] + db)
        #expect(export.status == 0)
        #expect(export.stdout.hasPrefix("\u{FEFF}"), "a byte-order mark for Excel")
        let reader = try CSVReader(string: String(export.stdout.dropFirst()))
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        #expect(
            rows.first == [
                "student_id", "student", "title", "description", "file", "originality", "color", "texture",
                "composition",
                "content", "total", "band", "status", "critique", "scorer", "reviewed_at",
            ])
        #expect(rows.count - 1 >= 12)
        #expect(rows.contains { $0[1] == "Zoë Ångström" })

        let written = try EaselBinary.run(["export", "csv", "--class", "demo", "-o", path("report.csv")] + db)
        #expect(written.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("report.csv"))) == Data(export.stdout.utf8))
        let plain = try EaselBinary.run(["export", "csv", "--class", "demo", "--no-bom"] + db)
        #expect(plain.stdout.hasPrefix("student_id,student,"), "--no-bom leaves it out")
        let status = try EaselBinary.run(["status", "--class", "demo"] + db)
        #expect(status.stdout.contains("imported   \(rows.count - 1)"))
    }

    @Test("a database from a newer Easel and a missing class give one-line errors and exit status 1")
    func errors() throws {
        let db = path("db.sqlite")
        _ = try EaselBinary.run(["classes", "--db", db])
        try DatabaseQueue(path: db).write { try $0.execute(sql: "PRAGMA user_version = 42") }
        let newer = try EaselBinary.run(["classes", "--db", db])
        #expect(newer.status == 1)
        #expect(newer.stderr.contains("newer Easel"))
        #expect(newer.stderr.split(separator: "\n").count == 1)
        let other = path("other.sqlite")
        let missing = try EaselBinary.run(["status", "--class", "nope"], environment: ["EASEL_DB": other])
        #expect(missing.status == 1 && missing.stderr.contains("no class named \"nope\""))
        #expect(FileManager.default.fileExists(atPath: other))
    }

    @Test("SIGKILL in the middle of a large import leaves a database that opens and holds every committed artwork")
    func killedImport() throws {
        let folder = path("many")
        try SyntheticImages.writeFolder(folder, count: 300, width: 128, height: 96, format: .png)
        let db = path("db.sqlite")
        let running = try EaselBinary.start(["import", folder, "--class", "big", "--verbose", "--db", db])
        var seen = Data()
        var added: [String] = []
        let reader = running.stdout.fileHandleForReading
        while added.count < 30 {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            seen += chunk
            let text = String(decoding: seen, as: UTF8.self)
            added = text.split(separator: "\n").filter { $0.hasPrefix("added ") && text.contains($0 + "\n") }
                .map { String($0.dropFirst("added ".count)) }
        }
        kill(running.process.processIdentifier, SIGKILL)
        running.process.waitUntilExit()
        #expect(running.process.terminationReason == .uncaughtSignal)
        #expect(added.count >= 30, "the import printed too little before it was killed")

        let check = try DatabaseQueue(path: db)
        #expect(try check.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        let store = try Store(path: db)
        let stored = Set(try store.artworks(classID: try store.requireClass("big").id).map(\.fileName))
        #expect(stored.isSuperset(of: added), "committed artworks missing: \(Set(added).subtracting(stored))")
        #expect(stored.count < 300, "the import finished before it was killed; nothing was tested")

        let resumed = try EaselBinary.run(["import", folder, "--class", "big", "--db", db])
        #expect(resumed.status == 0)
        #expect(try store.artworks(classID: try store.requireClass("big").id).count == 300)
    }
}
