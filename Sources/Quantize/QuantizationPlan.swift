import GGUF
import Tensor

/// Which type each tensor of a file gets, by llama.cpp's rules for its file types (src/llama-quant.cpp, dense models,
/// no importance matrix): matrices whose name ends in `weight` are quantized, except norms and the few tensors
/// llama.cpp keeps exact; 1-D tensors (norms, biases) and everything else are copied as they are.
///
/// Q4_K_M: Q4_K by default; the output projection (or the token embedding when it doubles as the output) Q6_K; a
/// fused attn_qkv Q5_K; attn_v and ffn_down Q6_K in the layers `usesMoreBits` picks (the first and last eighth and
/// every third in between), Q4_K elsewhere. A row length that is not whole blocks falls back as llama.cpp does
/// (Q4_K → Q5_0, Q5_K → Q5_1 (written as Q8_0 here: Easel has no Q5_1 writer), Q6_K → Q8_0, and F16 when not even
/// 32-value blocks fit).
public struct QuantizationPlan: Sendable {
    /// One tensor's decision.
    public struct Entry: Sendable, Equatable {
        /// The tensor's name.
        public let name: String
        /// Its shape in ggml order.
        public let dims: [Int]
        /// Its type in the input file.
        public let from: GGMLType
        /// Its type in the output file (equal to `from` when copied).
        public let to: GGMLType

        /// Whether the tensor is converted (rather than copied byte for byte).
        public var converts: Bool { from != to }
    }

    /// The scheme the plan follows.
    public let scheme: QuantizationScheme
    /// Every tensor of the input, in llama-quantize's order: tensors outside the blocks first, then block by block
    /// (by layer number), by name within each. The layer counters of the rules run in this order too.
    public let entries: [Entry]

    /// llama.cpp's `use_more_bits(i, n)`: the layers of a Q4_K_M file whose attn_v and ffn_down get Q6_K.
    public static func usesMoreBits(_ i: Int, of n: Int) -> Bool {
        i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2
    }

    /// Whether llama.cpp quantizes a tensor of this name and rank at all.
    public static func isQuantized(name: String, rank: Int) -> Bool {
        guard name.hasSuffix("weight"), rank >= 2 else { return false }
        let kept = [
            "_norm.weight", "ffn_gate_inp.weight", "ssm_conv1d.weight", "attn_rel_b.weight", "time_mix_first.weight",
            "time_mix_w1.weight", "time_mix_w2.weight", "time_mix_decay_w1.weight", "time_mix_decay_w2.weight",
            "time_mix_lerp_fused.weight",
        ]
        if kept.contains(where: { name.contains($0) }) { return false }
        return name != "position_embd.weight" && name != "token_types.weight"
    }

    /// The layer of a `blk.N.…` tensor, or -1 (as llama.cpp's loader parses it to order tensors).
    static func layer(of name: String) -> Int {
        guard name.hasPrefix("blk.") else { return -1 }
        let digits = name.dropFirst(4).prefix { $0.isASCII && $0.isNumber }
        return Int(digits) ?? -1
    }

    /// The plan for `tensors` (in any order) of a model with `layers` transformer blocks.
    public init(scheme: QuantizationScheme, tensors unordered: [GGUFTensorInfo], layers: Int) {
        self.scheme = scheme
        let tensors = unordered.sorted { a, b in
            let (la, lb) = (Self.layer(of: a.name), Self.layer(of: b.name))
            return la != lb ? la < lb : Array(a.name.utf8).lexicographicallyPrecedes(Array(b.name.utf8))
        }
        let hasOutput = tensors.contains { $0.name == "output.weight" }
        let valueLayers = tensors.filter { Self.isValueProjection($0.name) }.count
        var valueIndex = 0
        var downIndex = 0
        var entries: [Entry] = []
        for t in tensors {
            var type = t.type
            if Self.isQuantized(name: t.name, rank: t.dims.count) {
                type = scheme.defaultType
                if t.name == "output.weight" || (!hasOutput && t.name == "token_embd.weight") {
                    // The output projection: Q6_K unless the scheme is Q8_0 (or the rows are not 256-value blocks).
                    if t.cols % 256 != 0 {
                        type = .q8_0
                    } else if type != .q8_0 {
                        type = .q6_K
                    }
                } else if t.name == "token_embd.weight" {
                    // Its own tensor when an output projection exists: the default type.
                } else if t.name.contains("attn_v.weight") {
                    if scheme == .q4_k_m && Self.usesMoreBits(valueIndex, of: valueLayers) { type = .q6_K }
                    valueIndex += 1
                } else if t.name.contains("ffn_down") {
                    if scheme == .q4_k_m && Self.usesMoreBits(downIndex, of: layers) { type = .q6_K }
                    downIndex += 1
                } else if t.name.contains("attn_qkv.weight") {
                    if scheme == .q4_k_m { type = .q5_K }
                }
                type = Self.fitting(type, rowLength: t.cols)
            }
            entries.append(Entry(name: t.name, dims: t.dims, from: t.type, to: type))
        }
        self.entries = entries
    }

    /// attn_v, a fused attn_qkv, or attn_kv_b: the tensors llama.cpp counts as value projections.
    static func isValueProjection(_ name: String) -> Bool {
        name.contains("attn_v.weight") || name.contains("attn_qkv.weight") || name.contains("attn_kv_b.weight")
    }

    /// `type`, or llama.cpp's fallback when a row of `rowLength` values is not whole blocks of it.
    static func fitting(_ type: GGMLType, rowLength: Int) -> GGMLType {
        guard rowLength % type.blockElements != 0 else { return type }
        let fallback: GGMLType
        switch type {
        case .q4_K: fallback = .q5_0
        case .q5_K, .q6_K: fallback = .q8_0
        default: fallback = type
        }
        return rowLength % fallback.blockElements == 0 ? fallback : .f16
    }

    /// How many tensors end up in each type, in the order ggml numbers the types.
    public var typeCounts: [(type: GGMLType, count: Int)] {
        var counts: [GGMLType: Int] = [:]
        for e in entries { counts[e.to, default: 0] += 1 }
        return counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value) }
    }
}
