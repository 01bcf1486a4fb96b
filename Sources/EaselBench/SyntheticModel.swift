import EaselTestSupport
import Foundation
import GGUF
import Tensor
import Tokenizer

/// A Qwen2-VL-shaped text model with random weights in llama.cpp's Q4_K_M layout, written as GGUF for benchmarks.
struct SyntheticModel {
    var layers = 28
    var hidden = 1536
    var heads = 12
    var kvHeads = 2
    var ffn = 8960
    var vocab = 151_936
    /// The real vocabulary to store (e.g. Qwen2's, from `qwen.tiktoken`), padded to `vocab`; nil stores placeholders.
    var vocabulary: BPEVocabulary? = nil

    var headDim: Int { hidden / heads }

    /// The default place of Qwen2's vocabulary, relative to the repository root (where the benches are run).
    static let defaultVocabularyPath = "../shared/data/qwen2/qwen.tiktoken"

    /// Qwen2's vocabulary from a `qwen.tiktoken` file, so that a synthetic model has a real tokenizer.
    static func qwenVocabulary(at path: String?) throws -> BPEVocabulary {
        let path = path ?? defaultVocabularyPath
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchError("\(path): cannot read the Qwen2 vocabulary; pass --vocabulary PATH")
        }
        return try BPEVocabulary.tiktoken([UInt8](data))
    }

    /// llama.cpp's `use_more_bits`: layers whose attn_v and ffn_down get Q6_K in Q4_K_M.
    func usesMoreBits(_ i: Int) -> Bool {
        i < layers / 8 || i >= 7 * layers / 8 || (i - layers / 8) % 3 == 2
    }

    /// (name, type, dims) of every weight matrix a decode step reads, in order; the tied `token_embd` is last
    /// (it is also the output projection).
    func matrices() -> [(name: String, type: GGMLType, dims: [Int])] {
        var out: [(String, GGMLType, [Int])] = []
        for i in 0..<layers {
            let more = usesMoreBits(i)
            out += [
                ("blk.\(i).attn_q.weight", .q4_K, [hidden, hidden]),
                ("blk.\(i).attn_k.weight", .q4_K, [hidden, kvHeads * headDim]),
                ("blk.\(i).attn_v.weight", more ? .q6_K : .q4_K, [hidden, kvHeads * headDim]),
                ("blk.\(i).attn_output.weight", .q4_K, [hidden, hidden]),
                ("blk.\(i).ffn_gate.weight", .q4_K, [hidden, ffn]),
                ("blk.\(i).ffn_up.weight", .q4_K, [hidden, ffn]),
                ("blk.\(i).ffn_down.weight", more ? .q6_K : .q4_K, [ffn, hidden]),
            ]
        }
        out.append(("token_embd.weight", .q6_K, [hidden, vocab]))
        return out
    }

    /// `model` when given, else a temporary file named `temporaryName`-PID.gguf holding this model (written now
    /// unless it is already there, with the time it took). The caller removes the temporary file.
    func file(_ model: String?, temporaryName: String) throws -> String {
        let path =
            model
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("\(temporaryName)-\(getpid()).gguf").path
        if !FileManager.default.fileExists(atPath: path) {
            let t = Clock.now()
            try write(to: path)
            print(String(format: "wrote %@ in %.1f s", path, Clock.since(t)))
        }
        return path
    }

    /// Writes the model to `path`: metadata as llama.cpp's converter writes it (with a placeholder vocabulary),
    /// F32 norms (ones) and biases (zeros), and random quantized blocks with small scales.
    func write(to path: String) throws {
        var w = GGUFWriter()
        let arch = "qwen2vl"
        w.set("general.architecture", .string(arch))
        w.set("general.name", .string("synthetic Qwen2-VL-2B shape (random weights)"))
        w.set("general.file_type", .uint32(15))
        w.set("general.quantization_version", .uint32(2))
        w.set("\(arch).block_count", .uint32(UInt32(layers)))
        w.set("\(arch).context_length", .uint32(32768))
        w.set("\(arch).embedding_length", .uint32(UInt32(hidden)))
        w.set("\(arch).feed_forward_length", .uint32(UInt32(ffn)))
        w.set("\(arch).attention.head_count", .uint32(UInt32(heads)))
        w.set("\(arch).attention.head_count_kv", .uint32(UInt32(kvHeads)))
        w.set("\(arch).rope.freq_base", .float32(1_000_000))
        w.set("\(arch).attention.layer_norm_rms_epsilon", .float32(1e-6))
        let quarter = headDim / 2
        let sections = [
            quarter / 4, (quarter - quarter / 4) / 2, quarter - quarter / 4 - (quarter - quarter / 4) / 2, 0,
        ]
        w.set("\(arch).rope.dimension_sections", .array(.int32, sections.map { .int32(Int32($0)) }))
        w.set("tokenizer.ggml.model", .string("gpt2"))
        w.set("tokenizer.ggml.pre", .string("qwen2"))
        let known = vocabulary.map { Array($0.tokens.prefix(vocab)) } ?? []
        let tokens = known + (known.count..<vocab).map { "[PAD\($0)]" }
        let types =
            (vocabulary.map { Array($0.tokenTypes.prefix(vocab)) } ?? [])
            + [Int32](
                repeating: 5, count: vocab - known.count)
        w.set("tokenizer.ggml.tokens", .array(.string, tokens.map { .string($0) }))
        w.set("tokenizer.ggml.token_type", .array(.int32, types.map { .int32($0) }))
        w.set("tokenizer.ggml.merges", .array(.string, (vocabulary?.merges ?? []).map { .string($0) }))
        w.set("tokenizer.ggml.eos_token_id", .uint32(UInt32(min(151_645, vocab - 1))))
        w.set("tokenizer.ggml.bos_token_id", .uint32(UInt32(min(151_643, vocab - 1))))
        w.set("tokenizer.ggml.padding_token_id", .uint32(UInt32(min(151_643, vocab - 1))))
        w.set("tokenizer.ggml.add_bos_token", .bool(false))
        let ones = [Float](repeating: 1, count: hidden)
        try w.addTensor(name: "output_norm.weight", dims: [hidden], floats: ones)
        for i in 0..<layers {
            try w.addTensor(name: "blk.\(i).attn_norm.weight", dims: [hidden], floats: ones)
            try w.addTensor(name: "blk.\(i).ffn_norm.weight", dims: [hidden], floats: ones)
            for (name, n) in [("attn_q", hidden), ("attn_k", kvHeads * headDim), ("attn_v", kvHeads * headDim)] {
                try w.addTensor(name: "blk.\(i).\(name).bias", dims: [n], floats: [Float](repeating: 0, count: n))
            }
        }
        for (index, m) in matrices().enumerated() {
            let type = m.type
            try w.addTensor(name: m.name, type: type, dims: m.dims) { buffer, offset in
                SyntheticModel.randomBlocks(type, buffer, seed: UInt64(index) << 40 ^ UInt64(offset))
            }
        }
        try w.write(to: path)
    }

    /// Random block bytes with f16 scales in [0.5e-4, 2e-4) (so activations stay finite through the layers).
    static func randomBlocks(_ type: GGMLType, _ buffer: UnsafeMutableRawBufferPointer, seed: UInt64) {
        var random = XorShift64(seed: seed)
        let words = buffer.count / 8
        let p = buffer.baseAddress!
        for i in 0..<words { p.storeBytes(of: random.next(), toByteOffset: 8 * i, as: UInt64.self) }
        for i in (words * 8)..<buffer.count { buffer[i] = UInt8(truncatingIfNeeded: random.state >> (i % 8)) }
        let offsets: [Int] = type == .q6_K ? [208] : [0, 2]
        let blocks = buffer.count / type.blockBytes
        for b in 0..<blocks {
            for o in offsets {
                let r =
                    Float(p.load(fromByteOffset: b * type.blockBytes + (o == 208 ? 0 : o + 4), as: UInt8.self)) / 256
                let d = Float16(0.5e-4 + 1.5e-4 * r)
                p.storeBytes(of: d.bitPattern, toByteOffset: b * type.blockBytes + o, as: UInt16.self)
            }
        }
    }
}
