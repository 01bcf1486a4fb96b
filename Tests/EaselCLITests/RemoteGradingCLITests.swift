import EaselTestSupport
import Foundation
import Imaging
import Store
import Synchronization
import Testing

/// `easel grade --scorer remote` as a teacher runs it, against a local server that misbehaves per artwork: every
/// artwork ends with a valid assessment or one line naming its file; nothing invalid is stored; the teacher agrees
/// before anything is sent; the API key goes only into the request header; Ctrl-C keeps what finished.
@Suite final class RemoteGradingCLITests {
    static let valid =
        #"{"originality":12,"color":9,"texture":14,"composition":11,"content":10,"critique":"Strong diagonal lines."}"#
    static let key = "sk-test-secret-4b1d"
    /// Each artwork's description says how the server treats it.
    static let behaviours = ["ok", "flaky", "slow", "fails", "malformed", "schema", "reset"]

    let root: String

    init() throws {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-remote-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var config: String { (root as NSString).appendingPathComponent("config.toml") }
    var db: String { (root as NSString).appendingPathComponent("db.sqlite") }

    func easel(_ arguments: [String]) throws -> EaselBinary.Output {
        try EaselBinary.run(
            arguments + ["--db", db], environment: ["EASEL_CONFIG": config, "EASEL_API_KEY": Self.key])
    }

    /// A class of one generated artwork per description, students named "Student <description>".
    func makeClass(_ descriptions: [String]) throws {
        let folder = (root as NSString).appendingPathComponent("art")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var csv = "file,student,title,description\n"
        for (i, description) in descriptions.enumerated() {
            var image = RGBImage(width: 120, height: 90)
            for y in 0..<90 {
                for x in 0..<120 { image[x, y] = (UInt8((x * 2 + i * 37) % 256), UInt8(y * 2), UInt8(i * 30)) }
            }
            try PNGEncoder.encode(image).write(to: URL(fileURLWithPath: "\(folder)/art_\(description).png"))
            csv += "art_\(description).png,Student \(description.capitalized),Work \(i),\(description)\n"
        }
        try csv.write(toFile: "\(folder)/class.csv", atomically: true, encoding: .utf8)
        let imported = try easel(["import", folder, "--class", "Remote"])
        try #require(imported.status == 0, "\(imported.stderr)")
    }

    /// The description in a chat request's user turn.
    static func behaviour(_ request: MisbehavingServer.Request) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
            let messages = object["messages"] as? [[String: Any]],
            let parts = messages.last?["content"] as? [[String: Any]],
            let text = parts.compactMap({ $0["text"] as? String }).first
        else { return nil }
        return behaviours.first { text.contains("The artist's description: \($0)\n") }
    }

    static func completion(_ content: String) -> MisbehavingServer.Action {
        .reply(status: 200, body: MisbehavingServer.completion(content))
    }

    func results() throws -> [ArtworkResult] {
        let store = try Store(path: db)
        return try store.results(classID: try store.requireClass("Remote").id)
    }

    @Test("slow, 500s, bad JSON, schema breaks, resets: one line per artwork, nothing invalid stored, key kept")
    func misbehavingServer() throws {
        try makeClass(Self.behaviours)
        let flakyTries = Mutex(0)
        let server = try MisbehavingServer { request, _ in
            if request.path.hasSuffix("/models") {
                return .reply(status: 200, body: MisbehavingServer.models(["tiny"]))
            }
            switch Self.behaviour(request) {
            case "ok": return Self.completion(Self.valid)
            case "flaky":
                let tries = flakyTries.withLock { value in
                    value += 1
                    return value
                }
                return tries == 1
                    ? .reply(status: 500, body: Data(#"{"error":{"message":"busy"}}"#.utf8))
                    : Self.completion(Self.valid)
            case "slow": return .reply(status: 200, body: MisbehavingServer.completion(Self.valid), delay: 3)
            case "fails": return .reply(status: 500, body: Data(#"{"error":{"message":"CUDA out of memory"}}"#.utf8))
            case "malformed": return Self.completion(#"{"originality": 12, "color": 9, "tex"#)
            case "schema":
                return Self.completion(
                    #"{"originality":25,"color":9,"texture":14,"composition":11,"content":10,"critique":"x"}"#)
            case "reset": return .reset
            default: return .reply(status: 400, body: Data(#"{"error":{"message":"unexpected"}}"#.utf8))
            }
        }
        defer { server.stop() }
        let options = [
            "grade", "--class", "Remote", "--scorer", "remote", "--endpoint", server.endpoint, "--model", "tiny",
            "--concurrency", "8", "--timeout", "1",
        ]

        let unasked = try easel(options)
        #expect(unasked.status != 0)
        #expect(unasked.stderr.contains("sends each artwork's image"), "\(unasked.stderr)")
        #expect(unasked.stderr.contains("nothing was sent. Agree with --yes"), "\(unasked.stderr)")
        #expect(server.requests.isEmpty, "nothing is sent before the teacher agrees")

        let run = try easel(options + ["--yes"])
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("graded 2 of 7 artworks of Remote with remote tiny@127.0.0.1:\(server.port)"))
        let expected = [
            "slow": "no answer within 1 s", "fails": "HTTP 500: CUDA out of memory",
            "malformed": "the server's reply is not a valid assessment",
            "schema": "the server's reply is not a valid assessment", "reset": "127.0.0.1:\(server.port): ",
        ]
        let lines = run.stderr.split(separator: "\n").map(String.init).filter { $0.contains(".png") }
        #expect(lines.count == expected.count, "one line per failed artwork: \(run.stderr)")
        for (name, reason) in expected {
            let line = lines.filter { $0.contains("/art_\(name).png: ") }
            #expect(line.count == 1 && line[0].contains(reason), "\(name): \(lines)")
        }

        for result in try results() {
            let name = result.artwork.description
            if ["ok", "flaky"].contains(name) {
                let assessment = try #require(result.latestAssessment?.assessment, "\(name) was not stored")
                #expect(assessment.scores.values == [12, 9, 14, 11, 10])
                #expect(assessment.scorerVersion.hasPrefix("tiny@127.0.0.1:\(server.port)+json+prompt-"))
            } else {
                #expect(result.latestAssessment == nil, "\(name): an invalid reply was stored")
            }
        }

        let chats = server.requests.filter { $0.path.hasSuffix("/chat/completions") }
        #expect(chats.allSatisfy { $0.headers["authorization"] == "Bearer \(Self.key)" })
        for request in chats {
            let body = String(decoding: request.body, as: UTF8.self)
            #expect(!body.contains("Student ") && !body.contains("art_"), "a name or file name was sent")
        }
        let settings = try String(contentsOfFile: config, encoding: .utf8)
        #expect(settings.contains("approved = \"127.0.0.1:\(server.port)\""), "\(settings)")
        let database = try Data(contentsOf: URL(fileURLWithPath: db))
        for text in [unasked.stdout, unasked.stderr, run.stdout, run.stderr, settings] {
            #expect(!text.contains(Self.key), "the API key was printed or saved")
        }
        #expect(database.range(of: Data(Self.key.utf8)) == nil, "the API key is in the database")
    }

    @Test(
        "Ctrl-C while a request hangs: exits at once with 130, keeps the finished assessments; a rerun grades the rest")
    func interrupt() throws {
        try makeClass(["one", "two", "three", "four"])
        let hang = Mutex(true)
        let server = try MisbehavingServer { request, index in
            if request.path.hasSuffix("/models") {
                return .reply(status: 200, body: MisbehavingServer.models(["tiny"]))
            }
            let chats = index - 1
            return chats < 2 || !hang.withLock({ $0 })
                ? Self.completion(Self.valid)
                : .reply(status: 200, body: MisbehavingServer.completion(Self.valid), delay: 60)
        }
        defer { server.stop() }
        let running = try EaselBinary.start(
            [
                "grade", "--class", "Remote", "--scorer", "remote", "--endpoint", server.endpoint, "--model", "tiny",
                "--concurrency", "1", "--yes", "--db", db,
            ], environment: ["EASEL_CONFIG": config])
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && server.requests.filter({ $0.path.hasSuffix("/chat/completions") }).count < 3 {
            usleep(50_000)
        }
        let stored = try results().filter { $0.latestAssessment != nil }.count
        #expect(stored == 2)
        let signalled = Date()
        running.process.interrupt()
        let err = running.stderr.fileHandleForReading.readDataToEndOfFile()
        running.process.waitUntilExit()
        let stderr = String(decoding: err, as: UTF8.self)
        #expect(Date().timeIntervalSince(signalled) < 10, "Ctrl-C does not wait for the hanging request")
        #expect(running.process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("interrupted: 2 graded and kept; run the command again to grade the rest"), "\(stderr)")
        #expect(!stderr.contains("CancellationError"), "\(stderr)")
        #expect(try results().filter { $0.latestAssessment != nil }.count == 2)

        hang.withLock { $0 = false }
        let rest = try easel(["grade", "--class", "Remote", "--scorer", "remote"])
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(rest.stdout.contains("graded 2 of 4 artworks of Remote"), "\(rest.stdout)")
        let all = try results().map { $0.latestAssessment?.assessment.scores.values }
        #expect(all == Array(repeating: [12, 9, 14, 11, 10], count: 4), "\(all)")
    }
}
