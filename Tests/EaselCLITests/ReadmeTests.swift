import ClassImport
import EaselTestSupport
import Foundation
import Testing

/// Every command in README.md runs as written, in order, against a scratch database and settings file, from a
/// folder that has the bundled `Samples` (as a fresh clone does). The two set-up commands are checked to be the
/// expected ones but not run; `easel review` runs in tmux, where the test accepts ten artworks with `A`.
@Suite(.serialized) struct ReadmeTests {
    /// The README's fenced code blocks: (language, lines).
    static func blocks() throws -> [(language: String, lines: [String])] {
        let text = try String(
            contentsOf: TestEnvironment.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var out: [(String, [String])] = []
        var current: (String, [String])?
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let block = current {
                    out.append(block)
                    current = nil
                } else {
                    current = (String(line.dropFirst(3)), [])
                }
            } else if current != nil {
                current?.1.append(line)
            }
        }
        return out
    }

    @Test("README.md is for teachers: at most ~250 lines, the two set-up commands first")
    func shape() throws {
        let text = try String(
            contentsOf: TestEnvironment.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(text.components(separatedBy: "\n").count <= 260)
        let shell = try Self.blocks().filter { $0.language == "sh" }
        #expect(shell.count > 2)
        let install = shell[0].lines.joined()
        #expect(install.contains("apt-get install -y libncursesw5-dev libsixel-dev libjpeg-dev libpng-dev"))
        #expect(install.hasSuffix("&& swift run -c release easel demo"), "the first command runs the main job")
        #expect(["swift test", "bash Tests/all.sh"].contains(shell[1].lines.joined()), "the second runs the tests")
        let csv = try #require(Self.blocks().first { $0.language == "csv" })
        let rows = try ClassCSV.parse(Data(csv.lines.joined(separator: "\n").utf8))
        #expect(rows.count == 2 && rows.allSatisfy { !$0.studentID.isEmpty }, "the class.csv example is valid")
    }

    @Test(
        "every other command in README.md runs as written on a scratch database",
        .enabled(if: TestEnvironment.canDriveReview, "needs /usr/bin/tmux and a built easel"))
    func commandsRun() throws {
        let binary = try #require(TestEnvironment.easelBinary)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("easel-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createSymbolicLink(
            at: scratch.appendingPathComponent("Samples"),
            withDestinationURL: TestEnvironment.repositoryRoot.appendingPathComponent("Samples"))
        let blocks = try Self.blocks()
        let config = scratch.appendingPathComponent("config.toml")
        if let toml = blocks.first(where: { $0.language == "toml" }) {
            try toml.lines.joined(separator: "\n").write(to: config, atomically: true, encoding: .utf8)
        }
        // The training section's files, as `python -m easel_train export --type f16` names them: the committed tiny
        // Qwen2-VL fixtures stand in for a fine-tuned model (Training/tests runs the real export), graded with a
        // small pixel budget so the debug build takes seconds, not minutes.
        let model = scratch.appendingPathComponent("model-7b")
        try FileManager.default.createDirectory(at: model, withIntermediateDirectories: true)
        let fixtures = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/QwenVLTests/Fixtures")
        for (fixture, name) in [
            ("tiny-untied-f16.gguf", "model-f16.gguf"), ("vision-tiny-untied-f32.gguf", "mmproj-f16.gguf"),
            ("vision-tiny-untied-head.gguf", "score_head.gguf"),
        ] {
            try FileManager.default.copyItem(
                at: fixtures.appendingPathComponent(fixture), to: model.appendingPathComponent(name))
        }
        let settings = (try? String(contentsOf: config, encoding: .utf8)) ?? ""
        try (settings + "\n[vlm]\nmax_pixels = 12544\n").write(to: config, atomically: true, encoding: .utf8)
        let environment = [
            "PATH": binary.deletingLastPathComponent().path + ":/usr/bin:/bin",
            "EASEL_DB": scratch.appendingPathComponent("easel.sqlite").path, "EASEL_CONFIG": config.path,
            "HOME": scratch.path, "TERM": "xterm-256color", "COLORTERM": "truecolor",
        ]
        let commands = blocks.filter { $0.language == "sh" }.dropFirst(2).flatMap(\.lines)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        #expect(commands.count >= 10)
        // `Training/…` needs a GPU-sized base model: Training/tests/test_readme.py parses each of those lines with
        // the recipe's own argument parser, and the round trip there runs the same commands on a tiny model.
        #expect(commands.contains { $0.hasPrefix("Training/.venv/bin/python -m easel_train train ") })
        for command in commands where !command.hasPrefix("Training/") {
            if command.hasPrefix("easel review") {
                try review(command, in: scratch, environment: environment)
                continue
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            process.currentDirectoryURL = scratch
            process.environment = environment
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "`\(command)` failed: \(message)")
        }
        let written = [
            "7B-spring.csv", "gradebook.csv", "7B-spring.html", "zoe.html", "training-set/train.jsonl",
            "model-7b/model-q4_k_m.gguf",
        ]
        for name in written {
            #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent(name).path), "\(name)")
        }
        let pages = try FileManager.default.contentsOfDirectory(
            atPath: scratch.appendingPathComponent("parent-letters").path)
        #expect(pages.count == 15 && pages.contains("Zoë-Ångström.html"))
    }

    /// Runs `easel review …` in tmux: waits for the screen, accepts ten artworks with `A`, quits.
    func review(_ command: String, in folder: URL, environment: [String: String]) throws {
        let tmux = Tmux()
        defer { tmux.kill() }
        let exports = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        try tmux.start(
            "cd '\(folder.path)' && env \(exports) \(command); echo EXITED $?; sleep 30", columns: 110, rows: 32)
        #expect(try tmux.wait(for: "Total ", timeout: 60) != nil, "`\(command)` shows the review")
        for _ in 0..<10 {
            try tmux.keys("A")
            usleep(150_000)
        }
        #expect(try tmux.wait(for: "accepted ") != nil)
        try tmux.keys("q")
        #expect(try tmux.wait(for: "EXITED 0") != nil, "`\(command)` quits cleanly")
    }
}
