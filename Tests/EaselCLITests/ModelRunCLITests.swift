import Foundation
import Testing

/// `easel model run` end to end on the committed tiny Qwen2-VL fixtures.
@Suite struct ModelRunCLITests {
    static let fixtures = URL(fileURLWithPath: EaselBinary.repositoryRoot)
        .appendingPathComponent("Tests/QwenVLTests/Fixtures")

    /// The fixture's reference: the greedy prompt and HF's 16 greedy tokens.
    static func reference(_ name: String) throws -> (model: String, prompt: [Int], greedy: [Int]) {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name + ".json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let prompts = try #require(object["prompts"] as? [[Int]])
        let index = try #require(object["greedy_prompt"] as? Int)
        let greedy = try #require(object["greedy_tokens"] as? [Int])
        return (fixtures.appendingPathComponent(name + ".gguf").path, prompts[index], greedy)
    }

    @Test("--json prints one object with HF's greedy tokens, the top logits and timings")
    func json() throws {
        let reference = try Self.reference("tiny-untied-f32")
        let tokens = reference.prompt.map(String.init).joined(separator: ",")
        let output = try EaselBinary.run([
            "model", "run", "--model", reference.model, "--tokens", tokens, "--max-tokens", "16", "--temperature", "0",
            "--json",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["prompt_tokens"] as? [Int] == reference.prompt)
        let generated = try #require(object["tokens"] as? [Int])
        // Stops early only if HF's greedy run produced <|endoftext|> (352) or <|im_end|> (354).
        let end = reference.greedy.firstIndex { $0 == 352 || $0 == 354 }.map { $0 + 1 } ?? 16
        #expect(generated == Array(reference.greedy.prefix(end)))
        let top = try #require(object["top_logits"] as? [[Double]])
        #expect(top.count == 5)
        #expect(Int(top[0][0]) == reference.greedy[0])
        #expect(top[0][1] >= top[1][1])
        #expect(object["text"] is String)
        let timings = try #require(object["timings"] as? [String: Double])
        #expect((timings["prompt_tokens_per_second"] ?? 0) > 0)
        #expect(timings["generation_tokens_per_second"] != nil)
    }

    @Test("A text prompt in the chat template streams text and reports timings on stderr")
    func chat() throws {
        let reference = try Self.reference("tiny-tied-q4_k_m")
        let output = try EaselBinary.run([
            "model", "run", "--model", reference.model, "--chat", "--prompt", "Hello", "--max-tokens", "4",
            "--temperature", "0.7", "--seed", "3",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("tokens/s"))
        let again = try EaselBinary.run([
            "model", "run", "--model", reference.model, "--chat", "--prompt", "Hello", "--max-tokens", "4",
            "--temperature", "0.7", "--seed", "3",
        ])
        #expect(again.stdout == output.stdout)
    }

    @Test("Bad requests fail with one clear line")
    func errors() throws {
        let reference = try Self.reference("tiny-untied-f32")
        let vision = try EaselBinary.run([
            "model", "run", "--model", reference.model, "--mmproj", "v.gguf", "--image", "a.png", "--prompt", "x",
        ])
        #expect(vision.status != 0)
        #expect(vision.stderr.contains("v.gguf"), "\(vision.stderr)")
        let badTokens = try EaselBinary.run(["model", "run", "--model", reference.model, "--tokens", "1,x"])
        #expect(badTokens.status != 0)
        #expect(badTokens.stderr.contains("\"x\" is not one"))
        let range = try EaselBinary.run(["model", "run", "--model", reference.model, "--tokens", "1,999"])
        #expect(range.status != 0)
        #expect(range.stderr.contains("token id 999 is outside the vocabulary"))
        let missing = try EaselBinary.run(["model", "run", "--model", "/nonexistent/m.gguf", "--prompt", "x"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/nonexistent/m.gguf"))
        let both = try EaselBinary.run(["model", "run", "--model", reference.model, "--prompt", "x", "--tokens", "1"])
        #expect(both.status != 0)
    }
}
