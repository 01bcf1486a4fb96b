import GGUF
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Qwen2-VL language model (HF `Qwen2VLTextModel` + `lm_head`) over the weights of a text GGUF as stored:
/// RMSNorm, grouped-query attention with q/k/v biases and M-RoPE, a SwiGLU MLP, and a tied or untied output
/// projection. One row (decode) goes through the quantized `gemv` kernels, which round the activations to 8 bits as
/// llama.cpp does; many rows (prefill) through panel-dequantized `cblas_sgemm`. `Precision.exact` keeps decode in
/// f32 too (dequantized rows times f32 activations): slower, and as close to a float reference as prefill.
public final class Qwen2LanguageModel: @unchecked Sendable {
    /// How single-row products treat the activations.
    public enum Precision: Sendable {
        /// Quantized `gemv`: activations rounded to 8-bit blocks (fast; costs ~1–3% of the logit scale).
        case quantized
        /// Dequantized weight rows times f32 activations (slower; matches float references).
        case exact
    }

    /// The hyperparameters.
    public let config: Qwen2Config
    let weights: Qwen2Weights
    let rope: MRoPE
    /// Keeps the memory map alive while the weights point into it.
    let file: GGUFFile

    /// Loads the language model of a text GGUF.
    public init(file: GGUFFile) throws(QwenVLError) {
        let config = try Qwen2Config(file: file)
        self.config = config
        self.file = file
        weights = try Qwen2Weights(file: file, config: config)
        rope = MRoPE(headDim: config.headDim, theta: config.ropeTheta, sections: config.ropeSections)
    }

    /// The embedding rows of `tokens` (`tokens.count × hidden`, row-major).
    public func embed(_ tokens: [Int]) throws(QwenVLError) -> [Float] {
        let hidden = config.hidden
        var out = [Float](repeating: 0, count: tokens.count * hidden)
        for (row, token) in tokens.enumerated() {
            guard token >= 0, token < config.vocabularySize else {
                throw .tokenOutOfRange(id: token, vocabularySize: config.vocabularySize)
            }
            out.withUnsafeMutableBufferPointer {
                weights.embeddings.dequantizeRow(token, into: $0.baseAddress! + row * hidden)
            }
        }
        return out
    }

    /// Runs `positions.count` input rows (`input` is `rows × hidden`) through every layer, appending their keys and
    /// values to `cache`, and returns the final hidden states after the output norm (`rows × hidden`).
    public func forward(
        _ input: [Float], positions: [MRoPEPosition], cache: KVCache, precision: Precision = .quantized
    ) throws(QwenVLError) -> [Float] {
        let n = positions.count
        let c = config
        guard n > 0, input.count == n * c.hidden else { throw .emptyPrompt }
        guard cache.count + n <= cache.capacity else {
            throw .contextFull(needed: cache.count + n, capacity: cache.capacity)
        }
        let x = FloatBuffer(copying: input)
        let h = layers(x, rows: n, positions: positions) { jobs, input in
            Self.project(jobs, input: input, rows: n, precision: precision)
        } attention: { layer, k, v, q, out in
            cache.store(layer: layer, start: cache.count, rows: n, keys: k, values: v)
            attend(layer: layer, queries: q, rows: n, cache: cache, into: out)
        }
        cache.count += n
        return h.array
    }

    /// The decoder stack over `rows` input rows in `x` (updated in place): each layer's products go through
    /// `project`, and `attention(layer, keys, values, queries, out)` stores the rotated keys and values and attends.
    /// Returns the final hidden states after the output norm.
    func layers(
        _ x: FloatBuffer, rows n: Int, positions: [MRoPEPosition],
        project: ([(WeightMatrix, UnsafeMutablePointer<Float>)], UnsafePointer<Float>) -> Void,
        attention: (Int, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>)
            -> Void
    ) -> FloatBuffer {
        let c = config
        let h = FloatBuffer(n * c.hidden)
        let q = FloatBuffer(n * c.queryWidth)
        let k = FloatBuffer(n * c.kvWidth)
        let v = FloatBuffer(n * c.kvWidth)
        let attended = FloatBuffer(n * c.queryWidth)
        let projected = FloatBuffer(n * c.hidden)
        let gate = FloatBuffer(n * c.ffn)
        let up = FloatBuffer(n * c.ffn)
        let tables = positions.map(rope.table)
        for (index, layer) in weights.layers.enumerated() {
            Self.rmsNorm(x.pointer, layer.attentionNorm, epsilon: c.rmsEpsilon, rows: n, into: h.pointer)
            project([(layer.query, q.pointer), (layer.key, k.pointer), (layer.value, v.pointer)], h.pointer)
            Self.addBias(layer.queryBias, to: q.pointer, rows: n)
            Self.addBias(layer.keyBias, to: k.pointer, rows: n)
            Self.addBias(layer.valueBias, to: v.pointer, rows: n)
            for row in 0..<n {
                let table = tables[row]
                rope.rotate(q.pointer + row * c.queryWidth, heads: c.heads, cos: table.cos, sin: table.sin)
                rope.rotate(k.pointer + row * c.kvWidth, heads: c.kvHeads, cos: table.cos, sin: table.sin)
            }
            attention(index, k.pointer, v.pointer, q.pointer, attended.pointer)
            project([(layer.attentionOutput, projected.pointer)], attended.pointer)
            Self.add(projected.pointer, to: x.pointer, count: n * c.hidden)
            Self.rmsNorm(x.pointer, layer.ffnNorm, epsilon: c.rmsEpsilon, rows: n, into: h.pointer)
            project([(layer.gate, gate.pointer), (layer.up, up.pointer)], h.pointer)
            Self.swiGLU(gate.pointer, up.pointer, count: n * c.ffn)
            project([(layer.down, projected.pointer)], gate.pointer)
            Self.add(projected.pointer, to: x.pointer, count: n * c.hidden)
        }
        Self.rmsNorm(x.pointer, weights.outputNorm, epsilon: c.rmsEpsilon, rows: n, into: h.pointer)
        return h
    }

    /// The logits (`vocabularySize` values) of row `row` of final hidden states.
    public func logits(hidden: [Float], row: Int, precision: Precision = .quantized) -> [Float] {
        let width = config.hidden
        precondition(row >= 0 && (row + 1) * width <= hidden.count, "logits: row \(row) is outside the hidden states")
        var out = [Float](repeating: 0, count: config.vocabularySize)
        hidden.withUnsafeBufferPointer { hb in
            out.withUnsafeMutableBufferPointer {
                Self.project(
                    [(weights.output, $0.baseAddress!)], input: hb.baseAddress! + row * width, rows: 1,
                    precision: precision)
            }
        }
        return out
    }

    /// Causal attention of `rows` new queries over every cached key (the new ones included), head by head in parallel.
    func attend(
        layer: Int, queries qBase: UnsafePointer<Float>, rows: Int, cache: KVCache,
        into oBase: UnsafeMutablePointer<Float>
    ) {
        let c = config
        let group = c.heads / c.kvHeads
        let start = cache.count
        let scale = 1 / Float(c.headDim).squareRoot()
        let headDim = c.headDim
        let queryWidth = c.queryWidth
        Parallel.forRanges(c.heads) { range in
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: start + rows)
            defer { scores.deallocate() }
            for head in range {
                let keys = cache.keyBase(layer: layer, head: head / group)
                let values = cache.valueBase(layer: layer, head: head / group)
                for row in 0..<rows {
                    let query = qBase + row * queryWidth + head * headDim
                    let length = start + row + 1
                    var maximum = -Float.infinity
                    for j in 0..<length {
                        let s = VectorMath.dot(query, keys + j * headDim, count: headDim) * scale
                        scores[j] = s
                        maximum = max(maximum, s)
                    }
                    var sum: Float = 0
                    for j in 0..<length {
                        let e = expf(scores[j] - maximum)
                        scores[j] = e
                        sum += e
                    }
                    let output = oBase + row * queryWidth + head * headDim
                    output.update(repeating: 0, count: headDim)
                    for j in 0..<length {
                        VectorMath.axpy(scores[j] / sum, values + j * headDim, output, count: headDim)
                    }
                }
            }
        }
    }
}
