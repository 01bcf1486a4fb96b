import Foundation
import Testing

/// `easel model quantize` end to end: quantize a tiny fixture, then run it with `easel model run`.
@Suite struct QuantizeCLITests {
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "easel-quantize-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("Q8_0 and Q4_K_M of the tiny F32 model load in easel model run and give text")
    func quantizeThenRun() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try ModelRunCLITests.reference("tiny-untied-f32")
        let tokens = reference.prompt.map(String.init).joined(separator: ",")
        for (type, fileType) in [("q8_0", "Q8_0"), ("q4_k_m", "Q4_K_M")] {
            let out = folder.appendingPathComponent("tiny-\(type).gguf").path
            let quantize = try EaselBinary.run(["model", "quantize", reference.model, out, "--type", type])
            #expect(quantize.status == 0, "\(quantize.stderr)")
            #expect(quantize.stdout.contains(fileType))
            #expect(quantize.stderr.contains("done"), "the progress line ends done: \(quantize.stderr)")
            let info = try EaselBinary.run(["model", "info", out])
            #expect(info.stdout.contains("file type     \(fileType)"), "\(info.stdout)")
            let run = try EaselBinary.run([
                "model", "run", "--model", out, "--tokens", tokens, "--max-tokens", "8", "--temperature", "0", "--json",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let generated = try #require(object["tokens"] as? [Int])
            #expect(!generated.isEmpty)
            #expect(!((object["text"] as? String) ?? "").isEmpty, "\(type): no text")
            if type == "q8_0" { #expect(generated.first == reference.greedy.first, "Q8_0 keeps HF's first token") }
        }
    }

    @Test("A file it cannot read or a quantized input fails with one line naming the file, and writes nothing")
    func refusals() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let junk = folder.appendingPathComponent("junk.gguf").path
        try Data("GGUF but not really".utf8).write(to: URL(fileURLWithPath: junk))
        let q4 = ModelRunCLITests.fixtures.appendingPathComponent("tiny-tied-q4_k_m.gguf").path
        // (A Q4_K_M file given --type q4_k_m is copied, as llama-quantize does: every tensor already has its type.)
        for (index, input) in [junk, q4, folder.appendingPathComponent("missing.gguf").path].enumerated() {
            let out = folder.appendingPathComponent("out\(index).gguf").path
            let result = try EaselBinary.run(["model", "quantize", input, out, "--type", "q8_0"])
            #expect(result.status != 0)
            #expect(result.stderr.contains(input), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }
}
