import EaselTestSupport
import Foundation
import GGUF
import QwenVL
import Tensor

/// A Qwen2-VL-shaped vision tower (mmproj) with random F16 weights, written as GGUF for benchmarks. The defaults
/// are Qwen2-VL-2B's: 32 blocks of width 1280, 16 heads, MLP 5120, merger output 1536.
struct SyntheticVisionTower {
    var layers = 32
    var width = 1280
    var heads = 16
    var mlp = 5120
    var projection = 1536
    var patch = 14

    /// Weight parameters (matrices only).
    var parameters: Int {
        let block = 4 * width * width + 2 * width * mlp
        return layers * block + 2 * 3 * patch * patch * width + 16 * width * width + 4 * width * projection
    }

    /// FLOPs of one encode of `patches` patches: the matrix products, attention (`Q·Kᵀ` and `P·V`) and merger.
    func flops(patches n: Int) -> Double {
        let perPatch = Double(2 * (4 * width * width + 2 * width * mlp))
        let attention = 4 * Double(n) * Double(n) * Double(width)
        let embed = 2 * Double(3 * patch * patch * width)
        let merger = 2 * Double(n / 4) * Double(16 * width * width + 4 * width * projection)
        return Double(layers) * (Double(n) * perPatch + attention) + Double(n) * embed + merger
    }

    /// Writes the tower to `path` with llama.cpp's names and keys: F16 matrices, F32 norms (ones) and biases (zeros).
    /// The file is in the dialect of llama.cpp's `qwen2_vl_surgery.py`, which `llama-qwen2vl-cli` requires (its
    /// keys `general.file_type`, `general.description`, `clip.has_text_encoder`, `clip.use_gelu`,
    /// `clip.vision.image_size`, image mean/std, and the MLP's fc1 stored as `ffn_down`, fc2 as `ffn_up`), so that
    /// Easel and llama.cpp are timed on the same file; Easel reads both dialects (it tells fc1 from fc2 by shape).
    func write(to path: String) throws {
        var w = GGUFWriter()
        w.set("general.architecture", .string("clip"))
        w.set("general.type", .string("mmproj"))
        w.set("general.name", .string("synthetic Qwen2-VL-2B vision tower (random weights)"))
        w.set("general.description", .string("image encoder for Qwen2VL (synthetic random weights, Easel bench)"))
        w.set("general.file_type", .uint32(1))  // mostly F16
        w.set("clip.projector_type", .string("qwen2vl_merger"))
        w.set("clip.has_text_encoder", .bool(false))
        w.set("clip.has_vision_encoder", .bool(true))
        w.set("clip.has_qwen2vl_merger", .bool(true))
        w.set("clip.use_gelu", .bool(false))  // Qwen2-VL's vision MLP uses quick GELU
        w.set("clip.use_silu", .bool(false))
        w.set("clip.vision.image_size", .uint32(UInt32(patch * 40)))
        w.set("clip.vision.image_mean", .array(.float32, VisionConfig.clipMean.map { .float32($0) }))
        w.set("clip.vision.image_std", .array(.float32, VisionConfig.clipStd.map { .float32($0) }))
        w.set("clip.vision.patch_size", .uint32(UInt32(patch)))
        w.set("clip.vision.embedding_length", .uint32(UInt32(width)))
        w.set("clip.vision.feed_forward_length", .uint32(UInt32(projection)))
        w.set("clip.vision.block_count", .uint32(UInt32(layers)))
        w.set("clip.vision.attention.head_count", .uint32(UInt32(heads)))
        w.set("clip.vision.attention.layer_norm_epsilon", .float32(1e-6))
        w.set("clip.vision.projection_dim", .uint32(UInt32(projection)))
        var index: UInt64 = 0
        func matrix(_ name: String, _ cols: Int, _ rows: Int, _ w: inout GGUFWriter) throws {
            index += 1
            let seed = index
            let scale = Float(1 / Double(cols).squareRoot())
            try w.addTensor(name: name, type: .f16, dims: [cols, rows]) { buffer, offset in
                Self.randomHalves(buffer, scale: scale, seed: seed &* 0x1_0000_0001 ^ UInt64(offset))
            }
        }
        func vector(_ name: String, _ count: Int, _ value: Float, _ w: inout GGUFWriter) throws {
            try w.addTensor(name: name, dims: [count], floats: [Float](repeating: value, count: count))
        }
        for suffix in ["", ".1"] {
            index += 1
            let seed = index
            try w.addTensor(name: "v.patch_embd.weight" + suffix, type: .f16, dims: [patch, patch, 3, width]) {
                buffer, offset in Self.randomHalves(buffer, scale: 0.05, seed: seed ^ UInt64(offset))
            }
        }
        for i in 0..<layers {
            let p = "v.blk.\(i)."
            for name in ["attn_q", "attn_k", "attn_v", "attn_out"] {
                try matrix(p + name + ".weight", width, width, &w)
                try vector(p + name + ".bias", width, 0, &w)
            }
            // The surgery dialect: fc1 (width → mlp) is named ffn_down, fc2 (mlp → width) ffn_up.
            try matrix(p + "ffn_down.weight", width, mlp, &w)
            try vector(p + "ffn_down.bias", mlp, 0, &w)
            try matrix(p + "ffn_up.weight", mlp, width, &w)
            try vector(p + "ffn_up.bias", width, 0, &w)
            for norm in ["ln1", "ln2"] {
                try vector(p + norm + ".weight", width, 1, &w)
                try vector(p + norm + ".bias", width, 0, &w)
            }
        }
        try vector("v.post_ln.weight", width, 1, &w)
        try vector("v.post_ln.bias", width, 0, &w)
        try matrix("mm.0.weight", 4 * width, 4 * width, &w)
        try vector("mm.0.bias", 4 * width, 0, &w)
        try matrix("mm.2.weight", 4 * width, projection, &w)
        try vector("mm.2.bias", projection, 0, &w)
        try w.write(to: path)
    }

    /// Uniform random halves in [−scale·√3, scale·√3) (standard deviation `scale`).
    static func randomHalves(_ buffer: UnsafeMutableRawBufferPointer, scale: Float, seed: UInt64) {
        var random = XorShift64(seed: seed)
        let count = buffer.count / 2
        let halves = buffer.bindMemory(to: UInt16.self)
        let range = scale * 3.0.squareRoot().asFloat
        for i in 0..<count {
            let unit = Float(random.next() >> 40) * 0x1.0p-24
            halves[i] = Float16((2 * unit - 1) * range).bitPattern
        }
    }
}

extension Double {
    fileprivate var asFloat: Float { Float(self) }
}
