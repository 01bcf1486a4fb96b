import Foundation
import Store
import Testing

/// `easel grade --scorer vlm` and `easel model run --image` end to end with the tiny Qwen2-VL fixtures.
@Suite(.serialized) final class VLMGradingCLITests {
    let root: String
    static let fixtures = ModelRunCLITests.fixtures

    init() throws {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-vlm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var db: [String] { ["--db", (root as NSString).appendingPathComponent("db.sqlite")] }
    var environment: [String: String] { ["EASEL_CONFIG": (root as NSString).appendingPathComponent("config.toml")] }

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    func grade(_ arguments: [String], className: String = "demo") throws -> EaselBinary.Output {
        try EaselBinary.run(
            ["grade", "--class", className, "--scorer", "vlm"] + arguments + db, environment: environment)
    }

    @Test(
        "grade --scorer vlm on Samples stores head-scored assessments, remembers the files, then decodes the template")
    func gradeSamples() throws {
        let samples = (EaselBinary.repositoryRoot as NSString).appendingPathComponent("Samples")
        #expect(try EaselBinary.run(["import", samples, "--class", "demo"] + db).status == 0)
        let model = Self.fixture("tiny-untied-f32.gguf")
        let mmproj = Self.fixture("vision-tiny-untied-f32.gguf")
        let head = Self.fixture("vision-tiny-untied-head.gguf")
        let review = "# my settings\n[review]\ntheme = \"light\"  # kept\n"
        try review.write(toFile: environment["EASEL_CONFIG"]!, atomically: true, encoding: .utf8)
        let graded = try grade(["--model", model, "--mmproj", mmproj, "--head", head])
        #expect(graded.status == 0, "\(graded.stderr)")
        #expect(graded.stdout.contains("scoring head"))
        let store = try Store(path: db[1])
        let results = try store.results(classID: try store.requireClass("demo").id)
        #expect(results.count >= 12)
        for result in results {
            let assessment = try #require(result.latestAssessment?.assessment)
            #expect(assessment.scorerID == "vlm")
            #expect(assessment.scorerVersion.contains("tiny-untied-f32.gguf"))
            #expect(assessment.scores.values.allSatisfy { (0...20).contains($0) })
            #expect(assessment.evidence.count == 5)
        }
        let config = try String(contentsOfFile: environment["EASEL_CONFIG"]!, encoding: .utf8)
        #expect(config.contains("[vlm]") && config.contains(model) && config.contains(head))
        #expect(config.hasPrefix(review), "other sections are kept: \(config)")

        // Remembered files (on a smaller class of two Samples); then the template without a head.
        let small = (root as NSString).appendingPathComponent("small")
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        for name in ["clay_dog.png", "night_city.png"] {
            try FileManager.default.copyItem(
                atPath: (samples as NSString).appendingPathComponent(name),
                toPath: (small as NSString).appendingPathComponent(name))
        }
        #expect(try EaselBinary.run(["import", small, "--class", "small"] + db).status == 0)
        let again = try grade([], className: "small")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("+head:vision-tiny-untied-head.gguf"))
        let template = try grade(["--force", "--model", model, "--mmproj", mmproj], className: "small")
        #expect(template.status == 0, "\(template.stderr)")
        #expect(template.stdout.contains("template decoding"))
        let latest = try store.results(classID: try store.requireClass("small").id)
        #expect(latest.count == 2)
        for result in latest {
            let assessment = try #require(result.latestAssessment?.assessment)
            #expect(assessment.scorerVersion.hasSuffix("+template"))
            #expect(assessment.scores.values.allSatisfy { (0...20).contains($0) })
        }
    }

    @Test("--max-pixels caps the image size, is remembered with the files, and is refused below 56×56 or without vlm")
    func maxPixels() throws {
        let samples = (EaselBinary.repositoryRoot as NSString).appendingPathComponent("Samples")
        let small = (root as NSString).appendingPathComponent("one")
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: (samples as NSString).appendingPathComponent("clay_dog.png"),
            toPath: (small as NSString).appendingPathComponent("clay_dog.png"))
        #expect(try EaselBinary.run(["import", small, "--class", "one"] + db).status == 0)
        let model = Self.fixture("tiny-untied-f32.gguf")
        let mmproj = Self.fixture("vision-tiny-untied-f32.gguf")
        let tooSmall = try grade(["--model", model, "--mmproj", mmproj, "--max-pixels", "100"], className: "one")
        #expect(tooSmall.status != 0 && tooSmall.stderr.contains("--max-pixels must be at least 3136"))
        let builtin = try EaselBinary.run(
            ["grade", "--class", "one", "--max-pixels", "50176"] + db, environment: environment)
        #expect(builtin.status != 0 && builtin.stderr.contains("go with --scorer vlm"))
        let graded = try grade(["--model", model, "--mmproj", mmproj, "--max-pixels", "50176"], className: "one")
        #expect(graded.status == 0, "\(graded.stderr)")
        let config = try String(contentsOfFile: environment["EASEL_CONFIG"]!, encoding: .utf8)
        #expect(config.contains("max_pixels = \"50176\"") || config.contains("max_pixels = 50176"), "\(config)")
        let again = try grade(["--force"], className: "one")
        #expect(again.status == 0, "\(again.stderr)")
        let store = try Store(path: db[1])
        let result = try #require(try store.results(classID: try store.requireClass("one").id).first)
        let version = try #require(result.latestAssessment?.assessment.scorerVersion)
        #expect(version.contains("+max50176px"), "the remembered cap is used and recorded: \(version)")
    }

    @Test("Missing files, a wrong architecture and mismatched widths are one clear line")
    func errors() throws {
        let text = Self.fixture("tiny-untied-f32.gguf")
        let cases: [([String], String)] = [
            (["--model", text, "--mmproj", "/nonexistent/v.gguf"], "/nonexistent/v.gguf: no such file"),
            (["--model", text, "--mmproj", text], "not a vision projector"),
            (["--model", text, "--mmproj", Self.fixture("vision-tiny-tied-f16.gguf")], "projects images to width 256"),
            (["--model", Self.fixture("vision-tiny-untied-f32.gguf"), "--mmproj", text], "architecture \"clip\""),
            (["--mmproj", text], "needs both --model"),
        ]
        for (arguments, message) in cases {
            let output = try grade(arguments)
            #expect(output.status != 0)
            #expect(output.stderr.contains(message), "\(arguments): \(output.stderr)")
            #expect(output.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1)
        }
    }

    @Test("model run --mmproj --image --chat expands <|image_pad|> to the image's tokens and generates")
    func modelRunWithImage() throws {
        let image = (EaselBinary.repositoryRoot as NSString).appendingPathComponent("Samples/clay_dog.png")
        let output = try EaselBinary.run([
            "model", "run", "--model", Self.fixture("tiny-tied-q4_k_m.gguf"), "--mmproj",
            Self.fixture("vision-tiny-tied-f16.gguf"), "--image", image, "--chat", "--prompt", "Describe it.",
            "--max-tokens", "4", "--max-pixels", "50176", "--json",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let prompt = try #require(object["prompt_tokens"] as? [Int])
        let pads = prompt.filter { $0 == 364 }.count  // <|image_pad|> of the tiny vocabulary
        #expect(pads > 4 && pads <= 64, "\(pads) image tokens")
        #expect((object["tokens"] as? [Int])?.isEmpty == false)
    }
}
