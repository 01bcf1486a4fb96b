import EaselTestSupport
import Foundation
import Store
import Testing

/// `easel review` with the remote scorer, driven in tmux against a local test server that answers like an
/// OpenAI-compatible one: the artworks are graded in the background as with the other scorers.
@Suite(.serialized) struct RemoteReviewTests {
    static let valid =
        #"{"originality":12,"color":9,"texture":14,"composition":11,"content":10,"critique":"Strong diagonal lines."}"#

    @Test(
        "review with [review] scorer = \"remote\" and an agreed endpoint: the header names model and host, all graded",
        .enabled(if: TestEnvironment.canDriveReview, "needs /usr/bin/tmux and a built easel"))
    func reviewWithRemote() throws {
        let binary = try #require(ReviewEndToEndTests.binary)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-remote-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try ReviewEndToEndTests.makeClass(in: folder.appendingPathComponent("art"))
        let db = folder.appendingPathComponent("easel.sqlite").path
        #expect(
            try ReviewEndToEndTests.run(
                binary, ["import", folder.appendingPathComponent("art").path, "--class", "Remote", "--db", db]) == 0)
        let server = try MisbehavingServer { request, _ in
            request.path.hasSuffix("/models")
                ? .reply(status: 200, body: MisbehavingServer.models(["tiny"]))
                : .reply(status: 200, body: MisbehavingServer.completion(Self.valid), delay: 0.3)
        }
        defer { server.stop() }
        let host = "127.0.0.1:\(server.port)"
        let config = folder.appendingPathComponent("config.toml").path
        try """
        [review]
        scorer = "remote"

        [remote]
        endpoint = "\(server.endpoint)"
        model = "tiny"
        concurrency = 2
        approved = "\(host)"

        """.write(toFile: config, atomically: true, encoding: .utf8)

        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(
            "'\(binary.path)' review --class Remote --db '\(db)' --graphics none; echo EXITED $?; sleep 60",
            environment: ["EASEL_CONFIG": config])
        #expect(try tmux.wait(for: "remote tiny@\(host)") != nil, "the header names the model and host")
        try tmux.keys("j")
        #expect(try tmux.wait(for: "Bo Li") != nil, "keys answer while the server grades")
        let graded = try tmux.wait(for: "graded 3/3", timeout: 60)
        let screen = try tmux.screen()
        #expect(graded != nil, "background grading finishes: \(screen)")
        try tmux.keys("q")
        #expect(try tmux.wait(for: "EXITED 0") != nil)

        let store = try Store(path: db)
        let results = try store.results(classID: try store.requireClass("Remote").id)
        #expect(results.count == 3)
        for result in results {
            let assessment = try #require(result.latestAssessment?.assessment)
            #expect(assessment.scorerID == "remote")
            #expect(assessment.scorerVersion.hasPrefix("tiny@\(host)+json+prompt-"), "\(assessment.scorerVersion)")
            #expect(assessment.scores.values == [12, 9, 14, 11, 10])
        }
        let chats = server.requests.filter { $0.path.hasSuffix("/chat/completions") }
        #expect(chats.count == 3)
        for request in chats {
            let body = String(decoding: request.body, as: UTF8.self)
            for name in ["Ana Pérez", "Bo Li", "Chen Wei", "a.png", "b.png", "c.png"] {
                #expect(!body.contains(name), "a request carries '\(name)'")
            }
        }
    }
}
