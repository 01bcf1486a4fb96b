import Foundation
import GGUF
import Testing

@testable import QwenVL

@Suite struct ModelTests {
    static let f32 = Fixture.directory.appendingPathComponent("tiny-untied-f32.gguf").path

    @Test("Token-by-token decode through the KV cache equals one prefill of the whole prompt")
    func cacheConsistency() throws {
        let model = try QwenVLModel(path: Self.f32)
        let lm = model.language
        let prompt = [5, 17, 300, 42, 9, 120]
        let whole = KVCache(config: lm.config, capacity: prompt.count)
        let all = try lm.forward(
            try lm.embed(prompt), positions: prompt.indices.map { MRoPEPosition(text: $0) }, cache: whole)
        let stepped = KVCache(config: lm.config, capacity: prompt.count)
        var last: [Float] = []
        for (i, token) in prompt.enumerated() {
            last = try lm.forward(try lm.embed([token]), positions: [MRoPEPosition(text: i)], cache: stepped)
        }
        #expect(stepped.count == prompt.count)
        let width = lm.config.hidden
        let tail = Array(all[(prompt.count - 1) * width..<prompt.count * width])
        let error = zip(tail, last).map { abs($0 - $1) }.max() ?? 1
        #expect(error < 1e-5)
    }

    @Test("The config and tokenizer come from the file's keys")
    func configAndTokenizer() throws {
        let model = try QwenVLModel(path: Self.f32)
        let c = model.language.config
        #expect(c.architecture == "qwen2vl")
        let shape: [Int] = [c.layers, c.hidden, c.heads, c.kvHeads, c.headDim, c.ffn]
        #expect(shape == [2, 64, 4, 2, 16, 128])
        #expect(c.ropeSections == [2, 3, 3, 0])
        #expect(c.vocabularySize == 384)
        #expect(!c.tiedEmbeddings)
        #expect(model.stopTokens == [352, 354])
        #expect(model.tokenizer.encode("<|im_start|>user\n").first == 353)
        #expect(model.tokenizer.decode(model.tokenizer.encode("Hello, world!")) == "Hello, world!")
    }

    @Test("Generation stops at a stop token and keeps it out of the text")
    func stops() throws {
        let fixture = try Fixture.load("tiny-untied-f32")
        let model = try QwenVLModel(path: fixture.path)
        let stop = fixture.greedyTokens[5]
        let firstStop = fixture.greedyTokens.firstIndex(of: stop)!
        let result = try model.generate(
            prompt: fixture.prompts[0], options: GenerationOptions(maxTokens: 16, extraStopTokens: [stop]))
        #expect(result.stopReason == .endOfTurn)
        #expect(result.tokens == Array(fixture.greedyTokens[...firstStop]))
        #expect(result.text == model.tokenizer.decode(Array(fixture.greedyTokens[..<firstStop])))
        #expect(result.topLogits.count == 5)
        #expect(result.topLogits[0].id == fixture.greedyTokens[0])
    }

    @Test("Bad requests get clear errors")
    func badRequests() throws {
        let model = try QwenVLModel(path: Self.f32)
        #expect(throws: QwenVLError.emptyPrompt) { try model.generate(prompt: []) }
        #expect(throws: QwenVLError.tokenOutOfRange(id: 384, vocabularySize: 384)) {
            try model.generate(prompt: [1, 384])
        }
        #expect(throws: QwenVLError.contextFull(needed: 4098, capacity: 4096)) {
            try model.generate(prompt: [1, 2], options: GenerationOptions(maxTokens: 4096))
        }
        #expect(throws: QwenVLError.self) { try QwenVLModel(path: "/nonexistent/model.gguf") }
    }

    /// A copy of the F32 fixture with some keys replaced or tensors dropped, as an in-memory file.
    static func altered(keys: [String: GGUFValue] = [:], dropping: Set<String> = []) throws -> GGUFFile {
        let file = try GGUFFile(path: f32)
        var writer = GGUFWriter()
        for key in file.metadata.keys { writer.set(key, keys[key] ?? file.metadata[key]!) }
        for (key, value) in keys where file.metadata[key] == nil { writer.set(key, value) }
        for info in file.tensors where !dropping.contains(info.name) {
            try writer.addTensor(
                name: info.name, type: info.type, dims: info.dims, bytes: [UInt8](file.bytes(of: info)))
        }
        return try GGUFFile(bytes: writer.encoded(), name: "altered.gguf")
    }

    @Test("Inconsistent files are refused with one-line errors naming the file")
    func badFiles() throws {
        let sections = try Self.altered(keys: [
            "qwen2vl.rope.dimension_sections": .array(.int32, [.int32(4), .int32(4), .int32(4), .int32(0)])
        ])
        #expect(throws: QwenVLError.self) { try QwenVLModel(file: sections) }
        do {
            _ = try QwenVLModel(file: sections)
        } catch {
            #expect(error.description.contains("altered.gguf"))
            #expect(error.description.contains("dimension_sections"))
        }
        let arch = try Self.altered(keys: ["general.architecture": .string("llama")])
        #expect(throws: QwenVLError.unsupportedArchitecture(file: "altered.gguf", architecture: "llama")) {
            try QwenVLModel(file: arch)
        }
        let heads = try Self.altered(keys: ["qwen2vl.attention.head_count_kv": .uint32(3)])
        #expect(throws: QwenVLError.self) { try QwenVLModel(file: heads) }
        let missing = try Self.altered(dropping: ["blk.1.attn_k.bias"])
        do {
            _ = try QwenVLModel(file: missing)
            Issue.record("a missing tensor was accepted")
        } catch {
            #expect(error.description.contains("blk.1.attn_k.bias"))
        }
        let tokenizer = try Self.altered(keys: ["tokenizer.ggml.pre": .string("llama-bpe")])
        #expect(throws: QwenVLError.self) { try QwenVLModel(file: tokenizer) }
    }
}

extension ModelTests {
    @Test("Generation from prepared rows at 3-axis positions continues at the largest position + 1")
    func generateFromRows() throws {
        let fixture = try Fixture.load("tiny-untied-f32")
        let model = try QwenVLModel(path: fixture.path)
        let lm = model.language
        let c = fixture.mrope
        let positions = c.tokens.indices.map {
            MRoPEPosition(t: c.positions[0][$0], h: c.positions[1][$0], w: c.positions[2][$0])
        }
        let result = try model.generate(
            prompt: c.tokens, embeddings: try lm.embed(c.tokens), positions: positions,
            options: GenerationOptions(maxTokens: 2, stopAtEndOfTurn: false, precision: .exact))
        #expect(result.tokens.first == Sampler.argmax(c.lastLogits))
        // The second token, computed step by step: the first one at position max + 1 (= slot + rope_delta).
        let cache = KVCache(config: lm.config, capacity: c.tokens.count + 1)
        _ = try lm.forward(try lm.embed(c.tokens), positions: positions, cache: cache, precision: .exact)
        let next = try lm.forward(
            try lm.embed([result.tokens[0]]), positions: [MRoPEPosition(text: c.nextPosition)], cache: cache,
            precision: .exact)
        #expect(result.tokens.last == Sampler.argmax(lm.logits(hidden: next, row: 0, precision: .exact)))
        #expect(throws: QwenVLError.self) {
            try model.generate(prompt: c.tokens, embeddings: [1, 2], positions: positions)
        }
    }
}
