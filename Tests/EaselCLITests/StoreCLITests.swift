import ClassImport
import EaselTestSupport
import Foundation
import GRDB
import Imaging
import Store
import Testing
import Workstation

/// The data side of issue 10, through the real `easel` binary: damaged databases, concurrent first opens,
/// export permissions, a full disk, and the artwork lifecycle (replace, remove).
@Suite(.serialized) final class StoreCLITests {
    let root: String

    init() throws {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-store-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }

    /// A graded class "7B" of `count` small pictures in `db`; returns the image folder.
    @discardableResult
    func gradedClass(_ db: String, count: Int = 4) throws -> String {
        let folder = path("art-\(UUID().uuidString.prefix(6))")
        try SyntheticImages.writeFolder(folder, count: count, width: 64, height: 48, format: .png)
        let imported = try EaselBinary.run(["import", folder, "--class", "7B", "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
        let graded = try EaselBinary.run(["grade", "--class", "7B", "--db", db])
        try #require(graded.status == 0, "\(graded.stderr)")
        return folder
    }

    func sql(_ db: String, _ statement: String) throws {
        let queue = try DatabaseQueue(path: db)
        try queue.writeWithoutTransaction { try $0.execute(sql: statement) }
        try queue.close()
    }

    // MARK: - Defect 3: a damaged database

    @Test("a row with created_at='garbage' is one line naming table and id, never its content; commands go on")
    func garbageDate() throws {
        let db = path("db.sqlite")
        try gradedClass(db)
        try sql(db, "UPDATE assessment SET created_at = 'garbage', critique = 'SECRET-CRITIQUE' WHERE id = 1")
        let stored = try DatabaseQueue(path: db).read {
            try String.fetchAll($0, sql: "SELECT created_at FROM assessment ORDER BY id")
        }
        try #require(stored.first == "garbage", "\(stored)")
        // The review's library entry point opens the class and shows the rest.
        let store = try Store(path: db)
        let session = try ReviewSession(
            store: store, classRecord: try store.requireClass("7B"), scorerName: "none", graphics: .none)
        #expect(session.results.count == 4)
        #expect(session.results.filter { $0.latestAssessment != nil }.count == 3)
        #expect(DamageLog.drain(database: db).map(\.table) == ["assessment"])
        for command in [["status", "--class", "7B"], ["classes"]] {
            #expect(try EaselBinary.run(command + ["--db", db]).status == 0, "\(command) does not read the row")
        }
        let commands: [[String]] = [
            ["export", "csv", "--class", "7B"], ["export", "html", "--class", "7B", "-o", path("r.html")],
            ["grade", "--class", "7B", "--force"],
        ]
        for command in commands {
            let result = try EaselBinary.run(command + ["--db", db])
            if command[0] == "export" {
                let csv = command[1] == "csv" ? result.stdout : ""
                #expect(command[1] == "html" || csv.split(whereSeparator: \.isNewline).count == 5, "others exported")
            }
            #expect(result.status == 1, "\(command): exit \(result.status) \(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("SECRET"), "\(command) printed the row")
            #expect(result.stderr.contains("row 1 of table assessment cannot be read"), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("easel check"))
        }
        let check = try EaselBinary.run(["check", "--db", db])
        #expect(check.status == 1)
        #expect(check.stdout.contains("undecodable: row 1 of table assessment"), "\(check.stdout)")
        #expect(!check.stdout.contains("SECRET"))
        let clean = try EaselBinary.run(["check", "--db", path("fresh.sqlite")])
        #expect(clean.status == 1, "a missing file is an error, not created")
        #expect(!FileManager.default.fileExists(atPath: path("fresh.sqlite")))
    }

    @Test("random corruption of 512 bytes (12 seeds) never crashes export csv/html, grade --force or the review")
    func randomCorruption() throws {
        let good = path("good.sqlite")
        try gradedClass(good, count: 6)
        try sql(good, "UPDATE assessment SET critique = 'SECRET-CRITIQUE'")
        try sql(good, "PRAGMA wal_checkpoint(TRUNCATE)")
        let original = try Data(contentsOf: URL(fileURLWithPath: good))
        var generator = SeededGenerator(seed: 0x5EED)
        for seed in 0..<12 {
            let db = path("corrupt-\(seed).sqlite")
            var bytes = original
            let start = Int.random(in: 100..<(bytes.count - 512), using: &generator)
            for i in start..<(start + 512) { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
            try bytes.write(to: URL(fileURLWithPath: db))
            for command in [
                ["export", "csv", "--class", "7B"], ["export", "html", "--class", "7B", "-o", path("c.html")],
                ["grade", "--class", "7B", "--force"],
            ] {
                try bytes.write(to: URL(fileURLWithPath: db))
                let result = try EaselBinary.run(command + ["--db", db])
                #expect([0, 1].contains(result.status), "seed \(seed) \(command): status \(result.status)")
                #expect(!result.stderr.contains("SECRET"), "seed \(seed) \(command) printed a row")
                #expect(result.stderr.split(separator: "\n").count <= 12, "seed \(seed) \(command): \(result.stderr)")
            }
            try bytes.write(to: URL(fileURLWithPath: db))
            if let store = try? Store(path: db), let record = try? store.requireClass("7B") {
                _ = try? ReviewSession(store: store, classRecord: record, scorerName: "none", graphics: .none)
            }
            _ = DamageLog.drain(database: db)
            let check = try EaselBinary.run(["check", "--db", db])
            #expect([0, 1].contains(check.status), "seed \(seed) check: \(check.status)")
        }
    }

    // MARK: - Defect 5: concurrent first opens

    @Test("16 processes opening a new database at once, 5 times: every one succeeds, the schema is whole")
    func concurrentFirstOpens() throws {
        for round in 0..<5 {
            let db = path("race-\(round)/easel.sqlite")
            let running = try (0..<16).map { _ in try EaselBinary.start(["classes", "--db", db]) }
            for process in running {
                let err = String(decoding: process.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                _ = process.stdout.fileHandleForReading.readDataToEndOfFile()
                process.process.waitUntilExit()
                #expect(process.process.terminationStatus == 0, "round \(round): \(err)")
            }
            let store = try Store(path: db)
            #expect(try store.storedSchemaVersion() == Store.schemaVersion)
            #expect(try Store.check(path: db).isClean)
        }
    }

    // MARK: - Defect 7: export permissions

    @Test("CSV, HTML, training images and JSONL are created 0600 (folders 0700) or keep the mode they replace")
    func exportModes() throws {
        let db = path("db.sqlite")
        try gradedClass(db)
        let store = try Store(path: db)
        for artwork in try store.artworks(classID: try store.requireClass("7B").id) {
            try store.accept(artworkID: artwork.id)
        }
        func mode(_ file: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) ?? -1
        }
        let csv = path("grades.csv")
        #expect(try EaselBinary.run(["export", "csv", "--class", "7B", "-o", csv, "--db", db]).status == 0)
        #expect(try mode(csv) == 0o600)
        let html = path("report.html")
        #expect(try EaselBinary.run(["export", "html", "--class", "7B", "-o", html, "--db", db]).status == 0)
        #expect(try mode(html) == 0o600)
        chmod(csv, 0o640)
        #expect(try EaselBinary.run(["export", "csv", "--class", "7B", "-o", csv, "--db", db]).status == 0)
        #expect(try mode(csv) == 0o640, "a replaced file keeps its mode")
        let training = path("training")
        let exported = try EaselBinary.run(["export", "training", "--class", "7B", "-o", training, "--db", db])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(try mode(training + "/train.jsonl") == 0o600)
        #expect(try mode(training) == 0o700 && mode(training + "/images") == 0o700)
        let images = try FileManager.default.contentsOfDirectory(atPath: training + "/images")
        #expect(images.count == 4)
        for image in images { #expect(try mode(training + "/images/" + image) == 0o600) }
    }

    // MARK: - A full disk (a private tmpfs in a user and mount namespace)

    /// Runs `script` with a 160 KiB tmpfs mounted at `mount`, in a namespace of its own; nil where unsupported.
    func withSmallDisk(_ mount: String, kilobytes: Int = 160, _ script: String) throws -> EaselBinary.Output? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare"), let easel = EaselBinary.path else {
            return nil
        }
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = [
            "-rm", "sh", "-c", "mount -t tmpfs -o size=\(kilobytes)k tmpfs \"$1\" || exit 99; shift; " + script, "sh",
            mount, easel,
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 99 { return nil }
        return EaselBinary.Output(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    @Test("export training on a full disk says so and leaves none of its PNGs behind")
    func trainingFullDisk() throws {
        let db = path("db.sqlite")
        try SyntheticImages.writeFolder(path("big"), count: 6, width: 800, height: 600, format: .png)
        #expect(try EaselBinary.run(["import", path("big"), "--class", "7B", "--db", db]).status == 0)
        #expect(try EaselBinary.run(["grade", "--class", "7B", "--db", db]).status == 0)
        let store = try Store(path: db)
        for artwork in try store.artworks(classID: try store.requireClass("7B").id) {
            try store.accept(artworkID: artwork.id)
        }
        let mount = path("small")
        let script = """
            "$1" export training --class 7B --max-side 0 -o "$MNT/out" --db "\(db)"; echo "rc=$?"; \
            find "$MNT" -type f | wc -l | sed 's/^/files=/'
            """.replacingOccurrences(of: "$MNT", with: mount)
        guard let result = try withSmallDisk(mount, kilobytes: 64, script) else {
            print("skipped: no user/mount namespaces for a small tmpfs")
            return
        }
        #expect(result.stdout.contains("rc=1"), "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("files=0"), "\(result.stdout)")
        #expect(result.stderr.contains("disk is full"), "\(result.stderr)")
    }

    @Test("a database on a full disk says 'the disk is full', not 'disk I/O error'")
    func databaseFullDisk() throws {
        try SyntheticImages.writeFolder(path("many"), count: 40, width: 32, height: 24, format: .png)
        let mount = path("dbdisk")
        let script = """
            "$1" classes --db "$MNT/easel.sqlite" >/dev/null || exit 98; \
            dd if=/dev/zero of="$MNT/filler" bs=1k 2>/dev/null; \
            "$1" import "\(path("many"))" --class 7B --db "$MNT/easel.sqlite"; echo "rc=$?"
            """.replacingOccurrences(of: "$MNT", with: mount)
        guard let result = try withSmallDisk(mount, kilobytes: 256, script) else {
            print("skipped: no user/mount namespaces for a small tmpfs")
            return
        }
        #expect(result.stdout.contains("rc=1"), "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("is full"), "\(result.stderr)")
        #expect(!result.stderr.contains("I/O error"), "\(result.stderr)")
    }

    // MARK: - Defect 9: the artwork lifecycle

    @Test("a re-photographed file replaces the artwork's picture (no duplicate), keeping its history")
    func replacePicture() throws {
        let db = path("db.sqlite")
        let folder = try gradedClass(db, count: 3)
        let store = try Store(path: db)
        let klass = try store.requireClass("7B")
        let before = try store.results(classID: klass.id)
        let first = before[0].artwork
        try store.accept(artworkID: first.id)
        let oldAssessment = try #require(before[0].latestAssessment)
        // A new photo at the same path.
        let replacement = SyntheticImages.image(index: 99, width: 80, height: 60)
        try PNGEncoder.encode(replacement).write(to: URL(fileURLWithPath: first.filePath))
        let reimport = try EaselBinary.run(["import", folder, "--class", "7B", "--db", db])
        #expect(reimport.status == 0, "\(reimport.stderr)")
        #expect(reimport.stdout.contains("0 added"), "\(reimport.stdout)")
        #expect(reimport.stdout.contains("1 picture(s) replaced"), "\(reimport.stdout)")
        let after = try store.results(classID: klass.id)
        #expect(after.count == 3, "no duplicate")
        let replaced = try #require(after.first { $0.artwork.id == first.id })
        #expect(replaced.artwork.sha256 != first.sha256 && replaced.artwork.width == 80)
        #expect(replaced.latestAssessment == nil && replaced.review == nil, "old scores are not shown beside it")
        let history = try store.assessments(artworkID: first.id)
        #expect(history.map(\.id) == [oldAssessment.id] && history[0].imageSHA256 == first.sha256)
        let audit = try store.auditEntries(artworkID: first.id)
        #expect(audit.map(\.action) == [.accept, .replaceImage])
        #expect(audit[1].before?.contains(first.sha256) == true && audit[1].before?.contains("review") == true)
        // Grading again grades the new picture only.
        let regrade = try EaselBinary.run(["grade", "--class", "7B", "--db", db])
        #expect(regrade.stdout.contains("graded 1 of 3"), "\(regrade.stdout)")
        #expect(try store.latestAssessment(artworkID: first.id)?.imageSHA256 == replaced.artwork.sha256)
    }

    @Test("a file changed after import is not graded (one line naming it); the others are")
    func changedFileNotGraded() throws {
        let db = path("db.sqlite")
        let folder = path("art")
        try SyntheticImages.writeFolder(folder, count: 3, width: 64, height: 48, format: .png)
        #expect(try EaselBinary.run(["import", folder, "--class", "7B", "--db", db]).status == 0)
        let changed = (folder as NSString).appendingPathComponent("art0002.png")
        try PNGEncoder.encode(SyntheticImages.image(index: 50, width: 64, height: 48))
            .write(to: URL(fileURLWithPath: changed))
        let graded = try EaselBinary.run(["grade", "--class", "7B", "--db", db])
        #expect(graded.status == 1)
        #expect(graded.stderr.contains("\(changed) changed since it was imported"), "\(graded.stderr)")
        #expect(graded.stdout.contains("graded 2 of 3"), "\(graded.stdout)")
    }

    @Test("easel remove hides artworks from review, grading and exports, audited; --restore brings them back")
    func removeAndRestore() throws {
        let db = path("db.sqlite")
        try gradedClass(db, count: 3)
        let removed = try EaselBinary.run(["remove", "--class", "7B", "art0002.png", "--db", db])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("removed art0002.png"))
        let csv = try EaselBinary.run(["export", "csv", "--class", "7B", "--db", db])
        #expect(!csv.stdout.contains("art0002") && csv.stdout.contains("art0003"))
        let store = try Store(path: db)
        let klass = try store.requireClass("7B")
        #expect(try store.statusCounts(classID: klass.id).imported == 2)
        let missing = try EaselBinary.run(["remove", "--class", "7B", "nothing.png", "--db", db])
        #expect(missing.status == 1 && missing.stderr.contains("nothing.png: no such artwork"))
        #expect(try EaselBinary.run(["remove", "--restore", "--class", "7B", "art0002.png", "--db", db]).status == 0)
        #expect(try store.statusCounts(classID: klass.id).imported == 3)
        let id = try #require(try store.artworks(classID: klass.id, files: ["art0002.png"]).first?.id)
        #expect(try store.auditEntries(artworkID: id).map(\.action) == [.hide, .restore])
    }
}

/// A small deterministic generator (SplitMix64) so that each seed corrupts the same bytes every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
