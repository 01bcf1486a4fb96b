import Foundation
import GGUF
import Tensor

/// Small GGUF images for the tests.
enum Samples {
    static let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A small valid file exercising every value type, nested and empty arrays, and tensors of several types.
    static func smallWriter(alignment: Int = 32) throws -> GGUFWriter {
        var w = GGUFWriter(alignment: alignment)
        w.set("general.architecture", .string("qwen2vl"))
        w.set("general.name", .string("tiny"))
        w.set("general.file_type", .uint32(15))
        w.set("qwen2vl.context_length", .uint32(4096))
        w.set("qwen2vl.block_count", .int32(2))
        w.set("qwen2vl.embedding_length", .uint64(64))
        w.set("qwen2vl.rope.freq_base", .float32(1_000_000))
        w.set("qwen2vl.rope.dimension_sections", .array(.int32, [.int32(2), .int32(3), .int32(3), .int32(0)]))
        w.set("tokenizer.ggml.model", .string("gpt2"))
        w.set("tokenizer.ggml.pre", .string("qwen2"))
        w.set("tokenizer.ggml.tokens", .array(.string, ["a", "b", "Ġc", "<|im_end|>"].map { .string($0) }))
        w.set("test.bool", .bool(true))
        w.set("test.i8", .int8(-3))
        w.set("test.u16", .uint16(65535))
        w.set("test.i16", .int16(-2))
        w.set("test.u8", .uint8(7))
        w.set("test.i64", .int64(-5))
        w.set("test.f64", .float64(0.25))
        w.set("test.empty", .array(.float32, []))
        w.set("test.nested", .array(.array, [.array(.uint8, [.uint8(1)]), .array(.string, [.string("x")])]))
        try w.addTensor(name: "norm", dims: [64], floats: (0..<64).map { Float($0) })
        try w.addTensor(name: "w.q8", type: .q8_0, dims: [64, 3], bytes: [UInt8](repeating: 1, count: 2 * 34 * 3))
        try w.addTensor(name: "w.q4k", type: .q4_K, dims: [256, 2], bytes: [UInt8](repeating: 0, count: 288))
        return w
    }

    static func small() throws -> [UInt8] { try smallWriter().encoded() }
}
