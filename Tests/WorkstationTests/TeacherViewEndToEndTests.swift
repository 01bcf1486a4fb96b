import EaselTestSupport
import Foundation
import Store
import Testing

/// The overview, compare, find, status filter, accept-and-next and rubric card, driven in tmux on the real binary.
@Suite(.serialized) struct TeacherViewEndToEndTests {
    func start(_ tmux: Tmux, folder: URL, arguments: String = "") throws -> String {
        let binary = try #require(TestEnvironment.easelBinary)
        try ReviewEndToEndTests.makeClass(in: folder.appendingPathComponent("art"))
        let db = folder.appendingPathComponent("easel.sqlite").path
        #expect(
            try ReviewEndToEndTests.run(
                binary, ["import", folder.appendingPathComponent("art").path, "--class", "E2E", "--db", db]) == 0)
        #expect(try ReviewEndToEndTests.run(binary, ["grade", "--class", "E2E", "--db", db]) == 0)
        let command =
            "'\(binary.path)' review --class E2E --db '\(db)' --graphics blocks --theme default --scorer none \(arguments)"
        try tmux.start(
            command + "; echo EXITED $?; sleep 60", columns: 110, rows: 32,
            environment: ["COLORTERM": "truecolor", "EASEL_CONFIG": folder.appendingPathComponent("c.toml").path])
        return db
    }

    /// Waits until the screen no longer shows `text`; false after 20 s.
    func waitUntilGone(_ text: String, _ tmux: Tmux) throws -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if !(try tmux.screen().contains(text)) { return true }
            usleep(50_000)
        }
        return false
    }

    @Test(
        "overview: sort, open, back; compare; find; the status filter; accept-and-next; the rubric card",
        .enabled(if: TestEnvironment.canDriveReview, "needs /usr/bin/tmux and a built easel"))
    func teacherViews() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-tv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let tmux = Tmux()
        defer { tmux.kill() }
        let db = try start(tmux, folder: folder, arguments: "--overview")

        #expect(
            try tmux.wait(for: "Overview · E2E · 3 artworks", "sorted by name", "Totals (3 graded)") != nil,
            "--overview starts there")
        #expect(try tmux.wait(for: "▶Ana Pérez") != nil, "the cursor starts on the current artwork")
        #expect(try tmux.wait(for: "▀") != nil, "thumbnails as half blocks, once rendered")
        try tmux.keys("s")
        #expect(try tmux.wait(for: "sorted by total") != nil)
        try tmux.keys("s", "s", "s", "s", "s", "s", "s")
        #expect(try tmux.wait(for: "sorted by name") != nil)
        try tmux.keys("Right", "Enter")
        #expect(try tmux.wait(for: "Bo Li — “Noon”") != nil, "Enter opens the tile under the cursor")
        try tmux.keys("o")
        #expect(try tmux.wait(for: "▶Bo Li") != nil)
        try tmux.keys("Escape")
        #expect(try tmux.wait(for: "Bo Li — “Noon”") != nil, "Esc goes back")

        try tmux.keys("v")
        #expect(try tmux.wait(for: "Compare · E2E", "Bo Li", "Chen Wei", "Total ") != nil)
        try tmux.keys("j")
        #expect(try tmux.wait(for: "Ana Pérez") != nil, "j changes the right-hand artwork")
        try tmux.keys("v")
        #expect(try tmux.wait(for: "Bo Li — “Noon”") != nil)

        try tmux.keys("f")
        try tmux.literal("chen")
        #expect(try tmux.wait(for: "→ Chen Wei") != nil, "matches show while typing")
        try tmux.keys("Enter")
        #expect(try tmux.wait(for: "Chen Wei — “Dusk”") != nil)

        try tmux.keys("g", "A")
        #expect(try tmux.wait(for: "accepted Ana Pérez") != nil)
        #expect(try tmux.wait(for: "Bo Li — “Noon”") != nil, "A moves on to the next unreviewed")

        try tmux.keys("/")
        try tmux.literal("accepted")
        try tmux.keys("Enter")
        #expect(try tmux.wait(for: "filter: accepted (1 artworks)") != nil)
        #expect(try tmux.wait(for: "Ana Pérez — “Dawn”") != nil)
        try tmux.keys("/")
        try tmux.literal("dusky")
        try tmux.keys("Enter")
        #expect(try tmux.wait(for: "Chen Wei — “Dusk”") != nil, "description words match")

        try tmux.keys("b")
        #expect(try tmux.wait(for: "Rubric (any key closes)", "Composition", "17–20", "exceptional") != nil)
        try tmux.keys("x")
        #expect(try waitUntilGone("Rubric (any key closes)", tmux), "any key closes the card")
        try tmux.keys("q")
        #expect(try tmux.wait(for: "EXITED 0") != nil)

        let store = try Store(path: db)
        let record = try store.requireClass("E2E")
        #expect(
            try store.results(classID: record.id).map(\.status.rawValue) == ["accepted", "unreviewed", "unreviewed"])
    }
}
