import Quantize
import Tensor
import Testing

@testable import GGUF

/// Which tensor gets which type: llama.cpp's Q4_K_M and Q8_0 rules.
@Suite struct PlanTests {
    /// The tensor table of a Qwen2-VL text model in llama.cpp's converter order.
    static func table(layers: Int, hidden: Int, ffn: Int, kv: Int, vocab: Int, tied: Bool) -> [GGUFTensorInfo] {
        var out: [GGUFTensorInfo] = []
        func add(_ name: String, _ dims: [Int], _ type: GGMLType = .f16) {
            out.append(GGUFTensorInfo(name: name, dims: dims, type: type, fileOffset: 0, byteCount: 0))
        }
        add("token_embd.weight", [hidden, vocab])
        add("output_norm.weight", [hidden], .f32)
        if !tied { add("output.weight", [hidden, vocab]) }
        for i in 0..<layers {
            add("blk.\(i).attn_norm.weight", [hidden], .f32)
            add("blk.\(i).attn_q.weight", [hidden, hidden])
            add("blk.\(i).attn_q.bias", [hidden], .f32)
            add("blk.\(i).attn_k.weight", [hidden, kv])
            add("blk.\(i).attn_v.weight", [hidden, kv])
            add("blk.\(i).attn_v.bias", [kv], .f32)
            add("blk.\(i).attn_output.weight", [hidden, hidden])
            add("blk.\(i).ffn_norm.weight", [hidden], .f32)
            add("blk.\(i).ffn_gate.weight", [hidden, ffn])
            add("blk.\(i).ffn_up.weight", [hidden, ffn])
            add("blk.\(i).ffn_down.weight", [ffn, hidden])
        }
        return out
    }

    static func types(_ plan: QuantizationPlan) -> [String: GGMLType] {
        Dictionary(uniqueKeysWithValues: plan.entries.map { ($0.name, $0.to) })
    }

    @Test("Q4_K_M on Qwen2-VL-2B's shape: Q6_K for the tied embedding and for attn_v/ffn_down in 16 of 28 layers")
    func qwen2VL2B() {
        let plan = QuantizationPlan(
            scheme: .q4_k_m, tensors: Self.table(layers: 28, hidden: 1536, ffn: 8960, kv: 256, vocab: 1024, tied: true),
            layers: 28)
        let t = Self.types(plan)
        #expect(t["token_embd.weight"] == .q6_K)
        #expect(t["output_norm.weight"] == .f32)
        // use_more_bits(i, 28): i < 3, i >= 24, or (i - 3) % 3 == 2.
        let more = [0, 1, 2, 5, 8, 11, 14, 17, 20, 23, 24, 25, 26, 27]
        for i in 0..<28 {
            let expected: GGMLType = more.contains(i) ? .q6_K : .q4_K
            #expect(t["blk.\(i).attn_v.weight"] == expected, "layer \(i) attn_v")
            #expect(t["blk.\(i).ffn_down.weight"] == expected, "layer \(i) ffn_down")
            for name in ["attn_q", "attn_k", "attn_output", "ffn_gate", "ffn_up"] {
                #expect(t["blk.\(i).\(name).weight"] == .q4_K, "layer \(i) \(name)")
            }
            for name in ["attn_norm.weight", "ffn_norm.weight", "attn_q.bias", "attn_v.bias"] {
                #expect(t["blk.\(i).\(name)"] == .f32, "layer \(i) \(name) stays as it is")
            }
        }
        #expect(more.count == 14)
        #expect(plan.typeCounts.first { $0.type == .q6_K }?.count == 2 * 14 + 1)
    }

    @Test("Untied: the output projection gets Q6_K and the token embedding the default Q4_K")
    func untied() {
        let plan = QuantizationPlan(
            scheme: .q4_k_m, tensors: Self.table(layers: 2, hidden: 256, ffn: 512, kv: 64, vocab: 384, tied: false),
            layers: 2)
        let t = Self.types(plan)
        #expect(t["output.weight"] == .q6_K)
        #expect(t["token_embd.weight"] == .q4_K)
        // use_more_bits(i, 2): only layer 1 (i >= 7·2/8 = 1).
        #expect(t["blk.0.attn_v.weight"] == .q4_K && t["blk.1.attn_v.weight"] == .q6_K)
        #expect(t["blk.0.ffn_down.weight"] == .q4_K && t["blk.1.ffn_down.weight"] == .q6_K)
    }

    @Test("Rows that are not 256-value blocks fall back as llama.cpp does: Q4_K → Q5_0, Q6_K → Q8_0, else F16")
    func fallbacks() {
        var tensors = Self.table(layers: 2, hidden: 64, ffn: 128, kv: 32, vocab: 384, tied: false)
        tensors.append(GGUFTensorInfo(name: "odd.weight", dims: [40, 8], type: .f32, fileOffset: 0, byteCount: 0))
        let t = Self.types(QuantizationPlan(scheme: .q4_k_m, tensors: tensors, layers: 2))
        #expect(t["output.weight"] == .q8_0)
        #expect(t["token_embd.weight"] == .q5_0)
        #expect(t["blk.0.attn_q.weight"] == .q5_0)
        #expect(t["blk.1.attn_v.weight"] == .q8_0)
        #expect(t["blk.0.ffn_down.weight"] == .q5_0)  // 128 values per row: not whole 256-blocks
        #expect(t["odd.weight"] == .f16)
    }

    @Test("Q8_0: every matrix Q8_0, the output projection included; 1-D tensors kept")
    func q8() {
        let plan = QuantizationPlan(
            scheme: .q8_0, tensors: Self.table(layers: 4, hidden: 256, ffn: 512, kv: 64, vocab: 384, tied: true),
            layers: 4)
        for e in plan.entries {
            #expect(e.to == (e.dims.count == 1 ? .f32 : .q8_0), "\(e.name)")
        }
    }

    @Test("usesMoreBits matches llama.cpp's formula for 28 and 8 layers")
    func moreBits() {
        #expect((0..<8).filter { QuantizationPlan.usesMoreBits($0, of: 8) } == [0, 3, 6, 7])
        #expect((0..<28).filter { QuantizationPlan.usesMoreBits($0, of: 28) }.count == 14)
    }
}
