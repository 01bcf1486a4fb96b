import EaselTestSupport
import Foundation
import GRDB
import Store
import Testing

/// The kill -9 campaign: `easel review` (driven in tmux: accepts, score and critique edits, undo, redo),
/// `easel import` and `easel grade` are killed with SIGKILL at random moments. After every kill, every
/// review the screen confirmed since the previous check must be in the database (the one action in
/// flight when the kill came may or may not have landed); at the end the database passes SQLite's
/// integrity and foreign-key checks, the audit log explains every review, and `easel check` (when built)
/// is clean.
///
/// Bounded by default (8 kills); `EASEL_KILL_CAMPAIGN=60` runs a full campaign (Tests/Scripts/kill9-campaign.sh),
/// `EASEL_KILL_SEED` picks the random moments.
@Suite(.serialized) struct KillCampaignTests {
    /// What the screen confirmed for a student: their review's total, or no review.
    enum Confirmed: Equatable, CustomStringConvertible {
        case reviewed(total: Int)
        case unreviewed

        var description: String {
            switch self {
            case .reviewed(let total): "reviewed, total \(total)"
            case .unreviewed: "unreviewed"
            }
        }
    }

    /// The tally reported at the end.
    struct Tally {
        var kills = [String: Int]()
        var confirmed = 0
        var checked = 0
        var lost: [String] = []
        var importedConfirmed = 0
        var actions = 0
        var refused = 0
        var finishedFirst = 0
    }

    /// A small deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
    }

    static let samples = ReviewEndToEndTests.root.appendingPathComponent("Samples").path

    @Test(
        "kill -9 during review, import and grade loses no confirmed review; audit and database stay consistent",
        .enabled(if: TestEnvironment.canDriveReview, "needs /usr/bin/tmux and a built easel"))
    func campaign() throws {
        let binary = try #require(ReviewEndToEndTests.binary)
        let environment = ProcessInfo.processInfo.environment
        let totalKills = max(4, Int(environment["EASEL_KILL_CAMPAIGN"] ?? "") ?? 8)
        var random = Random(state: UInt64(environment["EASEL_KILL_SEED"] ?? "") ?? 20_261_203)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("easel.sqlite").path
        #expect(try ReviewEndToEndTests.run(binary, ["import", Self.samples, "--class", "K", "--db", db]) == 0)
        #expect(try ReviewEndToEndTests.run(binary, ["grade", "--class", "K", "--db", db]) == 0)

        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.run(["new-session", "-d", "-s", "keep", "sleep 100000"])
        var tally = Tally()
        // Episodes go on until `totalKills` processes were really killed (a run that finishes before its moment
        // is not a kill), with a bound on the episodes so a machine too fast for the moments cannot loop forever.
        var k = 0
        while tally.kills.values.reduce(0, +) < totalKills, k < 3 * totalKills {
            defer { k += 1 }
            switch k % 4 {
            case 0, 1: try reviewEpisode(k, binary: binary, db: db, tmux: tmux, random: &random, tally: &tally)
            case 2: try importEpisode(k, binary: binary, db: db, random: &random, tally: &tally)
            default: try gradeEpisode(binary: binary, db: db, random: &random, tally: &tally)
            }
        }

        // The database as a whole.
        let queue = try DatabaseQueue(path: db)
        let integrity = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
        let foreign = try queue.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }
        #expect(foreign.isEmpty, "\(foreign)")
        try queue.close()
        let store = try Store(path: db)
        let problems = try store.auditProblems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        let hasCheck = try Self.output(binary, ["--help"]).text.contains("\n  check ")
        let check = hasCheck ? try Self.output(binary, ["check", "--db", db]) : (status: 0, text: "")
        if hasCheck { #expect(check.status == 0, "easel check: \(check.text)") }
        let reviews = try store.reviews(classID: try store.requireClass("K").id).count
        print(
            "kill -9 campaign: \(tally.kills.values.reduce(0, +)) kills \(tally.kills.sorted { $0.key < $1.key }), "
                + "\(tally.finishedFirst) runs finished before their kill, \(tally.actions) review actions, "
                + "\(tally.refused) refused (nothing to undo…), "
                + "\(tally.confirmed) reviews confirmed on screen, \(tally.checked) checked after a kill, "
                + "\(tally.lost.count) lost; \(tally.importedConfirmed) imports confirmed by --verbose; "
                + "\(reviews) reviews at the end; integrity \(integrity), audit problems \(problems.count), "
                + "easel check \(hasCheck ? "exit \(check.status)" : "not built yet")")
        #expect(tally.lost.isEmpty, "\(tally.lost.joined(separator: "\n"))")
        #expect(tally.confirmed > 0)
        #expect(tally.kills.values.reduce(0, +) >= totalKills, "only \(tally.kills) kills in \(k) episodes")
    }

    // MARK: - Review

    /// Opens the review, does random actions, and kills it after a random one (sometimes mid-action).
    func reviewEpisode(
        _ k: Int, binary: URL, db: String, tmux: Tmux, random: inout Random, tally: inout Tally
    ) throws {
        try tmux.run([
            "new-session", "-d", "-s", "app", "-x", "110", "-y", "32",
            "exec '\(binary.path)' review --class K --db '\(db)' --graphics none --scorer none",
        ])
        defer { _ = try? tmux.run(["kill-session", "-t", "app"]) }
        guard try tmux.wait(for: "Total ", timeout: 60) != nil else {
            Issue.record("the review did not open: \(try tmux.screen())")
            return
        }
        let pid =
            pid_t(
                try tmux.run(["display-message", "-p", "-t", "app", "#{pane_pid}"])
                    .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        var expected: [String: Confirmed] = [:]
        var uncertain = Set<String>()
        var trace: [String] = []
        let actions = random.int(1...6)
        for index in 0..<actions {
            // Move, then wait until the header shows where the moves lead, so the name read is the one acted on.
            guard let start = Self.position(try tmux.screen()) else { break }
            var position = start.0
            let count = start.1
            for _ in 0..<random.int(0...2) {
                let down = random.int(0...1) == 0
                try tmux.keys(down ? "j" : "k")
                position = min(count, max(1, position + (down ? 1 : -1)))
            }
            try clearMessage(tmux)
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, Self.position(try tmux.screen())?.0 != position { usleep(20_000) }
            guard let name = try currentStudent(tmux) else { break }
            let action = random.int(0...5)
            try send(action, k: k, tmux: tmux)
            tally.actions += 1
            trace.append("\(name) action \(action)")
            if index == actions - 1 {
                usleep(UInt32(random.int(0...150_000)))
                uncertain.insert(name)  // the kill may land before, during or after this action
                break
            }
            switch try confirmation(tmux) {
            case .confirmed(let who, let state):
                trace.append("confirmed \(who): \(state)")
                expected[who] = state
                tally.confirmed += 1
            case .refused:
                tally.refused += 1
            case .silent:
                uncertain.insert(name)
            }
        }
        kill(pid, SIGKILL)
        tally.kills["review", default: 0] += 1
        var waited = 0
        while waited < 100, (try? tmux.run(["has-session", "-t", "app"]))?.isEmpty == true {
            usleep(20_000)
            waited += 1
        }
        let lost = tally.lost.count
        try verify(expected, uncertain: uncertain, db: db, tally: &tally)
        if tally.lost.count > lost { tally.lost.append("episode \(k): \(trace.joined(separator: "; "))") }
    }

    /// The student of the artwork on screen (the bold name before the title).
    func currentStudent(_ tmux: Tmux) throws -> String? {
        let screen = try tmux.screen()
        for line in screen.split(separator: "\n") {
            guard let dash = line.range(of: " — “") else { continue }
            let left = line[..<dash.lowerBound]
            if let bar = left.lastIndex(where: { $0 == "│" || $0 == "┐" }) {
                return left[left.index(after: bar)...].trimmingCharacters(in: .whitespaces)
            }
            return left.trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// One action: accept, scores, critique, undo, redo (and accept again, as it is the most common).
    func send(_ action: Int, k: Int, tmux: Tmux) throws {
        switch action {
        case 0, 5:
            try tmux.keys("a")
            let deadline = Date().addingTimeInterval(10)
            var line = ""
            while Date() < deadline, line.isEmpty {
                usleep(20_000)
                line = Self.messageLine(try tmux.screen())
            }
            if line.contains("[y] replace") { try tmux.keys("y") }
        case 1:
            try tmux.keys("e")
            try tmux.literal(String(k % 21))
            try tmux.keys("Enter")
        case 2:
            try tmux.keys("c")
            try tmux.literal(" kill\(k)")
            try tmux.keys("C-s")
        case 3: try tmux.keys("u")
        default: try tmux.keys("U")
        }
    }

    /// The message line (second to last row) of the 32-row pane.
    static func messageLine(_ screen: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 31 else { return "" }
        return lines[30].trimmingCharacters(in: .whitespaces)
    }

    /// Clears the message line (Ctrl-L redraws and drops the message) so that the next one is new.
    func clearMessage(_ tmux: Tmux) throws {
        try tmux.keys("C-l")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, !Self.messageLine(try tmux.screen()).isEmpty { usleep(20_000) }
    }

    /// What the message line said after an action.
    enum Outcome {
        /// A saved change: whose, and what now stands.
        case confirmed(String, Confirmed)
        /// Refused: nothing changed (nothing to undo, kept the review…).
        case refused
        /// No message in time.
        case silent
    }

    /// "Easel · K · 3/16 · reviewed …": the position and the count.
    static func position(_ screen: String) -> (Int, Int)? {
        guard let header = screen.split(separator: "\n").first else { return nil }
        for part in header.components(separatedBy: " · ") {
            let numbers = part.split(separator: "/")
            if numbers.count == 2, let p = Int(numbers[0]), let c = Int(numbers[1]) { return (p, c) }
        }
        return nil
    }

    /// Waits for the message that confirms a saved change, and reads whose and what.
    func confirmation(_ tmux: Tmux) throws -> Outcome {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let line = Self.messageLine(try tmux.screen())
            if let (who, state) = Self.parse(line) { return .confirmed(who, state) }
            if line.hasPrefix("nothing to") || line.hasPrefix("kept your review")
                || line.hasPrefix("score the artwork first") || line.hasPrefix("not graded")
            {
                return .refused
            }
            if line.hasPrefix("not saved") { return .silent }
            usleep(30_000)
        }
        return .silent
    }

    /// "accepted NAME: total 62", "saved scores for NAME: total 55", "undone for NAME: back to unreviewed"…
    static func parse(_ line: String) -> (String, Confirmed)? {
        let text = line.trimmingCharacters(in: .whitespaces)
        let prefixes = ["accepted ", "saved scores for ", "saved critique for ", "undone for ", "redone for "]
        guard let prefix = prefixes.first(where: { text.hasPrefix($0) }),
            let colon = text.range(of: ": ", range: text.index(text.startIndex, offsetBy: prefix.count)..<text.endIndex)
        else { return nil }
        let name = String(text[text.index(text.startIndex, offsetBy: prefix.count)..<colon.lowerBound])
        let rest = text[colon.upperBound...]
        if rest.contains("back to unreviewed") { return (name, .unreviewed) }
        guard let total = rest.range(of: "total ") else { return nil }
        let digits = rest[total.upperBound...].prefix { $0.isNumber }
        guard let value = Int(digits) else { return nil }
        return (name, .reviewed(total: value))
    }

    /// Every confirmed state is in the database, but for the student whose action was in flight.
    func verify(_ expected: [String: Confirmed], uncertain: Set<String>, db: String, tally: inout Tally) throws {
        let store = try Store(path: db)
        let results = try store.results(classID: try store.requireClass("K").id)
        for (name, state) in expected where !uncertain.contains(name) {
            tally.checked += 1
            guard let result = results.first(where: { $0.studentName == name }) else {
                tally.lost.append("\(name): not found")
                continue
            }
            let actual: Confirmed = result.review.map { .reviewed(total: $0.scores.total) } ?? .unreviewed
            if actual != state { tally.lost.append("\(name): screen confirmed \(state), database has \(actual)") }
        }
    }

    // MARK: - Import and grade

    /// Imports the samples into a new class with --verbose and kills it at a random moment; every file the
    /// command reported as stored must be there.
    func importEpisode(_ k: Int, binary: URL, db: String, random: inout Random, tally: inout Tally) throws {
        let name = "import \(k)"
        let (reported, _) = try Self.killed(
            binary, ["import", Self.samples, "--class", name, "--verbose", "--db", db],
            after: random.int(100...2500), tally: &tally, kind: "import")
        let stored = reported.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: " ", maxSplits: 1)
            return parts.count == 2 && parts[0] == "added" ? String(parts[1]) : nil
        }
        guard !stored.isEmpty else { return }
        let store = try Store(path: db)
        let names = Set(try store.artworks(classID: try store.requireClass(name).id).map(\.fileName))
        for file in stored {
            tally.importedConfirmed += 1
            if !names.contains(file) { tally.lost.append("\(name): \(file) reported added, not in the database") }
        }
    }

    /// Regrades the class and kills it at a random moment; the reviews must stay.
    func gradeEpisode(binary: URL, db: String, random: inout Random, tally: inout Tally) throws {
        let store = try Store(path: db)
        let before = try store.reviews(classID: try store.requireClass("K").id)
        _ = try Self.killed(
            binary, ["grade", "--force", "--class", "K", "--db", db], after: random.int(0...1500), tally: &tally,
            kind: "grade")
        let after = try store.reviews(classID: try store.requireClass("K").id)
        for (id, review) in before where after[id]?.scores != review.scores || after[id]?.critique != review.critique {
            tally.lost.append("artwork \(id): its review changed while grade was killed")
        }
    }

    /// Runs easel, kills it after `milliseconds` (when still running); returns its stdout and status.
    static func killed(
        _ binary: URL, _ arguments: [String], after milliseconds: Int, tally: inout Tally, kind: String
    ) throws -> (String, Int32) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(milliseconds) * 1000)
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            tally.kills[kind, default: 0] += 1
        } else {
            tally.finishedFirst += 1
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }

    static func output(_ binary: URL, _ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
