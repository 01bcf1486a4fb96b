import EaselTestSupport
import Foundation
import Imaging
import Store
import Testing

/// Drives the real `easel` binary in tmux: import, review with keys, quit, reopen, then read the database.
@Suite(.serialized) struct ReviewEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var binary: URL? { TestEnvironment.easelBinary }

    /// Three generated artworks and a class.csv in a fresh folder.
    static func makeClass(in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (i, name) in ["a", "b", "c"].enumerated() {
            var image = RGBImage(width: 96, height: 72)
            for y in 0..<72 {
                for x in 0..<96 {
                    image[x, y] = (UInt8((x * 2 + i * 60) % 256), UInt8(y * 3), UInt8((x + y + i * 40) % 256))
                }
            }
            try PNGEncoder.encode(image).write(to: folder.appendingPathComponent("\(name).png"))
        }
        let csv = """
            file,student,title,description
            a.png,Ana Pérez,Dawn,A gradient at dawn
            b.png,Bo Li,Noon,Shapes at noon
            c.png,Chen Wei,Dusk,A dusky field
            """
        try csv.write(to: folder.appendingPathComponent("class.csv"), atomically: true, encoding: .utf8)
    }

    static func run(_ binary: URL, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(
        "accept, edit a score and the critique, undo, quit, reopen: the database holds exactly that",
        .enabled(if: TestEnvironment.canDriveReview, "needs /usr/bin/tmux and a built easel"))
    func reviewSession() throws {
        let binary = try #require(Self.binary)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.makeClass(in: folder.appendingPathComponent("art"))
        let db = folder.appendingPathComponent("easel.sqlite").path
        #expect(
            try Self.run(binary, ["import", folder.appendingPathComponent("art").path, "--class", "E2E", "--db", db])
                == 0)

        let tmux = Tmux()
        defer { tmux.kill() }
        let command = "'\(binary.path)' review --class E2E --db '\(db)' --graphics blocks --theme default"
        try tmux.start(command + "; echo EXITED $?; sleep 60", environment: ["COLORTERM": "truecolor"])
        #expect(try tmux.wait(for: "graded 3/3") != nil, "background grading finishes")
        #expect(
            try tmux.wait(for: "Total ", "▀", "Ana Pérez — “Dawn”") != nil,
            "the scores, and the artwork as half blocks")

        try tmux.keys("a")
        #expect(try tmux.wait(for: "accepted Ana Pérez") != nil)
        try tmux.keys("j", "e", "Tab", "BSpace", "BSpace", "2", "5")
        #expect(try tmux.wait(for: "Color must be 0–20; 25 refused") != nil)
        try tmux.keys("BSpace", "3")
        try tmux.keys("Enter")
        #expect(try tmux.wait(for: "saved scores for Bo Li") != nil)
        try tmux.keys("c", "End")
        try tmux.literal(" Très bien 山")
        try tmux.keys("C-s")
        #expect(try tmux.wait(for: "saved critique for Bo Li") != nil)
        try tmux.keys("u")
        #expect(try tmux.wait(for: "undone for Bo Li") != nil)
        try tmux.keys("q")
        #expect(try tmux.wait(for: "EXITED 0") != nil)

        // Same server and pane (killing the last session would race the server's exit against a new one).
        try tmux.run(["resize-window", "-t", "app", "-x", "80", "-y", "24"])
        try tmux.run([
            "respawn-pane", "-k", "-t", "app",
            "NO_COLOR=1 '\(binary.path)' review --class E2E --db '\(db)' --graphics none --scorer none; "
                + "echo REOPENED-EXITED $?; sleep 60",
        ])
        #expect(
            try tmux.wait(for: "Chen Wei", "3/3 · reviewed 2/3") != nil, "reopening resumes at the first unreviewed")
        let colored = try tmux.screen(escapes: true)
        #expect(!colored.contains("38;5;") && !colored.contains("38;2;"), "NO_COLOR: no colour sequences")
        try tmux.run(["resize-window", "-t", "app", "-x", "70", "-y", "20"])
        #expect(try tmux.wait(for: "Terminal too small") != nil)
        try tmux.run(["resize-window", "-t", "app", "-x", "90", "-y", "26"])
        let resized = try tmux.wait(for: "Chen Wei")
        let afterResize = try tmux.screen()
        #expect(resized != nil, "after growing again: \(afterResize)")
        try tmux.keys("q")
        #expect(try tmux.wait(for: "REOPENED-EXITED 0") != nil)

        let store = try Store(path: db)
        let results = try store.results(classID: try store.requireClass("E2E").id)
        #expect(results.map(\.status) == [.accepted, .edited, .unreviewed])
        let a = results[0]
        let b = results[1]
        #expect(a.review?.scores == a.latestAssessment?.assessment.scores)
        #expect(b.review?.scores.color == 3)
        // The critique edit was undone; the score edit had rewritten the critique's band words for the new scores.
        let rewritten = b.latestAssessment?.assessment.critiqueParts?.text(for: try #require(b.review?.scores))
        #expect(b.review?.critique == rewritten, "the critique edit was undone")
        #expect(try store.auditEntries(artworkID: a.artwork.id).map(\.action) == [.accept])
        #expect(try store.auditEntries(artworkID: b.artwork.id).map(\.action) == [.edit, .edit, .undo])
        #expect(try store.auditEntries(artworkID: results[2].artwork.id).isEmpty)
    }
}
