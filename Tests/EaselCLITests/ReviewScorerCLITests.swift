import EaselTestSupport
import Foundation
import Testing

/// `easel review --scorer vlm|remote` before the screen starts: a clear line when no model or server is remembered,
/// and nothing sent to a server the teacher never agreed to.
@Suite final class ReviewScorerCLITests {
    let root: String

    init() throws {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var config: String { (root as NSString).appendingPathComponent("config.toml") }

    func review(_ arguments: [String]) throws -> EaselBinary.Output {
        try EaselBinary.run(
            ["review", "--class", "demo", "--db", (root as NSString).appendingPathComponent("db.sqlite")] + arguments,
            environment: ["EASEL_CONFIG": config])
    }

    static func oneLine(_ output: EaselBinary.Output) -> Bool {
        output.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1
    }

    @Test("--scorer vlm (or [review] scorer = \"vlm\") with no remembered model is one clear line, not the UI")
    func noModel() throws {
        let flag = try review(["--scorer", "vlm"])
        #expect(flag.status != 0)
        #expect(flag.stderr.contains("no model remembered in \(config)"), "\(flag.stderr)")
        #expect(flag.stderr.contains("easel grade --class NAME --scorer vlm --model"))
        #expect(Self.oneLine(flag), "\(flag.stderr)")

        try "[review]\nscorer = \"vlm\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let file = try review([])
        #expect(file.status != 0)
        #expect(file.stderr.contains("no model remembered"), "\(file.stderr)")
        #expect(Self.oneLine(file), "\(file.stderr)")
    }

    @Test("a remembered model file that has gone, and an unknown scorer, are one clear line each")
    func brokenChoices() throws {
        try "[vlm]\nmodel = \"/nonexistent/t.gguf\"\nmmproj = \"/nonexistent/v.gguf\"\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        let gone = try review(["--scorer", "vlm"])
        #expect(gone.status != 0)
        #expect(gone.stderr.contains("/nonexistent/t.gguf: no such file"), "\(gone.stderr)")
        #expect(Self.oneLine(gone), "\(gone.stderr)")
        let unknown = try review(["--scorer", "llm"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown scorer 'llm'; use builtin, vlm, remote or none"), "\(unknown.stderr)")
    }

    @Test("--scorer remote: no server remembered, a server never agreed to (nothing sent), one that lacks the model")
    func remoteChoices() throws {
        let none = try review(["--scorer", "remote"])
        #expect(none.status != 0)
        #expect(none.stderr.contains("no server remembered in \(config)"), "\(none.stderr)")
        #expect(none.stderr.contains("easel grade --class NAME --scorer remote --endpoint URL --model NAME --yes"))
        #expect(Self.oneLine(none), "\(none.stderr)")

        let server = try MisbehavingServer { request, _ in
            .reply(status: 200, body: MisbehavingServer.models(request.path.hasSuffix("/models") ? ["other"] : []))
        }
        defer { server.stop() }
        let remembered = "[remote]\nendpoint = \"\(server.endpoint)\"\nmodel = \"tiny\"\n"
        try ("[review]\nscorer = \"remote\"\n\n" + remembered).write(toFile: config, atomically: true, encoding: .utf8)
        let unasked = try review([])
        #expect(unasked.status != 0)
        #expect(
            unasked.stderr.contains(
                "sending artworks to 127.0.0.1:\(server.port) was never agreed to, so nothing was sent; run "
                    + "`easel grade --class NAME --scorer remote --yes` once to agree"), "\(unasked.stderr)")
        #expect(Self.oneLine(unasked), "\(unasked.stderr)")
        #expect(server.requests.isEmpty, "review sent \(server.requests.map(\.path)) before the teacher agreed")

        try (remembered + "approved = \"127.0.0.1:\(server.port)\"\n").write(
            toFile: config, atomically: true, encoding: .utf8)
        let missing = try review(["--scorer", "remote"])
        #expect(missing.status != 0)
        #expect(
            missing.stderr.contains("127.0.0.1:\(server.port) does not serve the model 'tiny' (it serves: other)"),
            "\(missing.stderr)")
        #expect(Self.oneLine(missing), "\(missing.stderr)")
        #expect(server.requests.map(\.path) == ["/v1/models"], "only the model list is asked for")
    }
}
