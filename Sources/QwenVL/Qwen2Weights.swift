import GGUF
import Tensor

/// The weights of one decoder layer, pointing into the model file's memory map.
struct Qwen2LayerWeights: @unchecked Sendable {
    var attentionNorm: [Float]
    var query: WeightMatrix
    var queryBias: [Float]
    var key: WeightMatrix
    var keyBias: [Float]
    var value: WeightMatrix
    var valueBias: [Float]
    var attentionOutput: WeightMatrix
    var ffnNorm: [Float]
    var gate: WeightMatrix
    var up: WeightMatrix
    var down: WeightMatrix
}

/// All language-model weights of a llama.cpp `qwen2vl` text GGUF (names in §2.1 of the engine reference).
struct Qwen2Weights: @unchecked Sendable {
    var embeddings: WeightMatrix
    var outputNorm: [Float]
    var output: WeightMatrix
    var layers: [Qwen2LayerWeights]

    /// Loads and shape-checks every tensor; matrices stay in the file's memory map as stored (Q4_K and Q6_K ones also
    /// get a copy repacked for the decode kernels on CPUs with AVX-512 VNNI, `WeightMatrix.packedForDecode()`).
    init(file: GGUFFile, config c: Qwen2Config) throws(QwenVLError) {
        do {
            embeddings = try file.matrix("token_embd.weight", rows: c.vocabularySize, cols: c.hidden)
            outputNorm = try file.floats("output_norm.weight", count: c.hidden)
            output =
                (c.tiedEmbeddings
                ? embeddings : try file.matrix("output.weight", rows: c.vocabularySize, cols: c.hidden))
                .packedForDecode()
            layers = []
            for i in 0..<c.layers {
                let p = "blk.\(i)."
                layers.append(
                    Qwen2LayerWeights(
                        attentionNorm: try file.floats(p + "attn_norm.weight", count: c.hidden),
                        query: try file.matrix(p + "attn_q.weight", rows: c.queryWidth, cols: c.hidden)
                            .packedForDecode(),
                        queryBias: try file.floats(p + "attn_q.bias", count: c.queryWidth),
                        key: try file.matrix(p + "attn_k.weight", rows: c.kvWidth, cols: c.hidden).packedForDecode(),
                        keyBias: try file.floats(p + "attn_k.bias", count: c.kvWidth),
                        value: try file.matrix(p + "attn_v.weight", rows: c.kvWidth, cols: c.hidden).packedForDecode(),
                        valueBias: try file.floats(p + "attn_v.bias", count: c.kvWidth),
                        attentionOutput: try file.matrix(p + "attn_output.weight", rows: c.hidden, cols: c.queryWidth)
                            .packedForDecode(),
                        ffnNorm: try file.floats(p + "ffn_norm.weight", count: c.hidden),
                        gate: try file.matrix(p + "ffn_gate.weight", rows: c.ffn, cols: c.hidden).packedForDecode(),
                        up: try file.matrix(p + "ffn_up.weight", rows: c.ffn, cols: c.hidden).packedForDecode(),
                        down: try file.matrix(p + "ffn_down.weight", rows: c.hidden, cols: c.ffn).packedForDecode()))
            }
        } catch {
            throw .file(String(describing: error))
        }
    }
}
