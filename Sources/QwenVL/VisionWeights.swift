import GGUF
import Tensor

/// The weights of one vision block (HF `Qwen2VLVisionBlock`).
struct VisionBlockWeights: @unchecked Sendable {
    var norm1Weight: [Float]
    var norm1Bias: [Float]
    var query: WeightMatrix
    var queryBias: [Float]
    var key: WeightMatrix
    var keyBias: [Float]
    var value: WeightMatrix
    var valueBias: [Float]
    var output: WeightMatrix
    var outputBias: [Float]
    var norm2Weight: [Float]
    var norm2Bias: [Float]
    var fc1: WeightMatrix
    var fc1Bias: [Float]
    var fc2: WeightMatrix
    var fc2Bias: [Float]
}

/// All vision weights of an mmproj GGUF (names in §2.2 of the engine reference). The two temporal halves of the
/// patch kernel are summed once (a still image fills both frames), and the MLP's fc1/fc2 are told apart by shape,
/// since legacy files swap the names `ffn_up`/`ffn_down`.
struct VisionWeights: @unchecked Sendable {
    /// `[width × 3·p·p]` f32, the sum of `v.patch_embd.weight` and `v.patch_embd.weight.1`.
    var patchEmbedding: WeightMatrix
    var blocks: [VisionBlockWeights]
    var postNormWeight: [Float]
    var postNormBias: [Float]
    var merger0: WeightMatrix
    var merger0Bias: [Float]
    var merger2: WeightMatrix
    var merger2Bias: [Float]

    init(file: GGUFFile, config c: VisionConfig) throws(QwenVLError) {
        do {
            var kernel = try file.floats("v.patch_embd.weight", count: c.width * c.patchValues)
            if file.tensor("v.patch_embd.weight.1") != nil {
                let second = try file.floats("v.patch_embd.weight.1", count: c.width * c.patchValues)
                for i in kernel.indices { kernel[i] += second[i] }
            }
            patchEmbedding = try WeightMatrix(
                type: .f32, rows: c.width, cols: c.patchValues, bytes: kernel.withUnsafeBytes { [UInt8]($0) })
            blocks = []
            for i in 0..<c.layers {
                let p = "v.blk.\(i)."
                var upName = p + "ffn_up"
                var downName = p + "ffn_down"
                if let down = file.tensor(downName + ".weight"), down.cols == c.width, down.rows != c.width {
                    swap(&upName, &downName)  // legacy dialect: fc1 is stored as ffn_down
                }
                blocks.append(
                    VisionBlockWeights(
                        norm1Weight: try file.floats(p + "ln1.weight", count: c.width),
                        norm1Bias: try file.floats(p + "ln1.bias", count: c.width),
                        query: try file.matrix(p + "attn_q.weight", rows: c.width, cols: c.width),
                        queryBias: try file.floats(p + "attn_q.bias", count: c.width),
                        key: try file.matrix(p + "attn_k.weight", rows: c.width, cols: c.width),
                        keyBias: try file.floats(p + "attn_k.bias", count: c.width),
                        value: try file.matrix(p + "attn_v.weight", rows: c.width, cols: c.width),
                        valueBias: try file.floats(p + "attn_v.bias", count: c.width),
                        output: try file.matrix(p + "attn_out.weight", rows: c.width, cols: c.width),
                        outputBias: try file.floats(p + "attn_out.bias", count: c.width),
                        norm2Weight: try file.floats(p + "ln2.weight", count: c.width),
                        norm2Bias: try file.floats(p + "ln2.bias", count: c.width),
                        fc1: try file.matrix(upName + ".weight", rows: c.mlp, cols: c.width),
                        fc1Bias: try file.floats(upName + ".bias", count: c.mlp),
                        fc2: try file.matrix(downName + ".weight", rows: c.width, cols: c.mlp),
                        fc2Bias: try file.floats(downName + ".bias", count: c.width)))
            }
            postNormWeight = try file.floats("v.post_ln.weight", count: c.width)
            postNormBias = try file.floats("v.post_ln.bias", count: c.width)
            merger0 = try file.matrix("mm.0.weight", rows: c.mergedWidth, cols: c.mergedWidth)
            merger0Bias = try file.floats("mm.0.bias", count: c.mergedWidth)
            merger2 = try file.matrix("mm.2.weight", rows: c.projectionWidth, cols: c.mergedWidth)
            merger2Bias = try file.floats("mm.2.bias", count: c.projectionWidth)
        } catch let error as QwenVLError {
            throw error
        } catch {
            throw .file(String(describing: error))
        }
    }
}
