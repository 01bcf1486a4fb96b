import Foundation
import Testing

/// `easel review --scorer vlm` before the screen starts: a clear line when no model is remembered.
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
        #expect(unknown.stderr.contains("unknown scorer 'llm'; use builtin, vlm or none"), "\(unknown.stderr)")
    }
}
