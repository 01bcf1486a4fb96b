import COpenBLAS
import GGUF
import Tensor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Qwen2-VL vision tower and merger (HF `Qwen2VisionTransformerPretrainedModel`) over the weights of an mmproj
/// GGUF: patch embedding, blocks of LayerNorm → full attention with 2-D rotary embedding → LayerNorm → quick-GELU
/// MLP, then the merger (LayerNorm, 2×2 patches concatenated, linear → exact GELU → linear). Every matrix product
/// goes through `gemm` (panel-dequantized weights and `cblas_sgemm`); activations stay f32.
public final class VisionTower: @unchecked Sendable {
    /// The hyperparameters.
    public let config: VisionConfig
    let weights: VisionWeights
    /// Keeps the memory map alive while the weights point into it.
    let file: GGUFFile

    /// Opens an mmproj GGUF (memory-mapped) and loads the tower.
    public convenience init(path: String) throws(QwenVLError) {
        let file: GGUFFile
        do { file = try GGUFFile(path: path) } catch { throw .file(error.description) }
        try self.init(file: file)
    }

    /// Loads the tower of an open mmproj file.
    public init(file: GGUFFile) throws(QwenVLError) {
        config = try VisionConfig(file: file)
        weights = try VisionWeights(file: file, config: config)
        self.file = file
    }

    /// The preprocessor matching this tower (its patch size and normalisation), with the given pixel bounds.
    public func preprocessor(
        minPixels: Int = ImagePreprocessor.defaultMinPixels, maxPixels: Int = ImagePreprocessor.defaultMaxPixels
    ) -> ImagePreprocessor {
        ImagePreprocessor(
            patchSize: config.patchSize, mergeSize: config.mergeSize, minPixels: minPixels, maxPixels: maxPixels,
            mean: config.imageMean, std: config.imageStd)
    }

    /// The image's language-model embeddings: `patches.mergedTokenCount × projectionWidth` values, in 2×2-block
    /// raster order (the order of the `<|image_pad|>` tokens).
    public func encode(_ patches: ImagePatches) throws(QwenVLError) -> [Float] {
        let c = config
        let n = patches.count
        guard patches.patchValues == c.patchValues, n > 0, n % 4 == 0 else {
            throw .badOption(
                "image patches of \(patches.patchValues) values do not fit a tower with \(c.patchSize)-pixel patches")
        }
        let x = FloatBuffer(n * c.width)
        patches.values.withUnsafeBufferPointer {
            weights.patchEmbedding.gemm($0.baseAddress!, count: n, into: x.pointer)
        }
        let rope = VisionRoPE(headDim: c.headDim, patches: patches)
        let h = FloatBuffer(n * c.width)
        let q = FloatBuffer(n * c.width)
        let k = FloatBuffer(n * c.width)
        let v = FloatBuffer(n * c.width)
        let attention = FloatBuffer(n * c.width)
        let hiddenMLP = FloatBuffer(n * c.mlp)
        for block in weights.blocks {
            Self.layerNorm(x.pointer, block.norm1Weight, block.norm1Bias, c.layerNormEpsilon, rows: n, into: h.pointer)
            Self.linear(block.query, block.queryBias, h.pointer, rows: n, into: q.pointer)
            Self.linear(block.key, block.keyBias, h.pointer, rows: n, into: k.pointer)
            Self.linear(block.value, block.valueBias, h.pointer, rows: n, into: v.pointer)
            rope.rotate(q.pointer, heads: c.heads)
            rope.rotate(k.pointer, heads: c.heads)
            attend(q.pointer, k.pointer, v.pointer, rows: n, into: attention.pointer)
            Self.linear(block.output, block.outputBias, attention.pointer, rows: n, into: h.pointer)
            Qwen2LanguageModel.add(h.pointer, to: x.pointer, count: n * c.width)
            Self.layerNorm(x.pointer, block.norm2Weight, block.norm2Bias, c.layerNormEpsilon, rows: n, into: h.pointer)
            Self.linear(block.fc1, block.fc1Bias, h.pointer, rows: n, into: hiddenMLP.pointer)
            Self.apply(hiddenMLP.pointer, count: n * c.mlp) { z in z / (1 + expf(-1.702 * z)) }
            Self.linear(block.fc2, block.fc2Bias, hiddenMLP.pointer, rows: n, into: h.pointer)
            Qwen2LanguageModel.add(h.pointer, to: x.pointer, count: n * c.width)
        }
        // Merger: the rows of 4 consecutive patches (one 2×2 block) are one row of the merged input.
        let w = weights
        Self.layerNorm(x.pointer, w.postNormWeight, w.postNormBias, c.layerNormEpsilon, rows: n, into: h.pointer)
        let tokens = n / 4
        let merged = FloatBuffer(tokens * c.mergedWidth)
        Self.linear(w.merger0, w.merger0Bias, h.pointer, rows: tokens, into: merged.pointer)
        Self.apply(merged.pointer, count: tokens * c.mergedWidth) { z in 0.5 * z * (1 + erff(z * 0.707_106_77)) }
        let out = FloatBuffer(tokens * c.projectionWidth)
        Self.linear(w.merger2, w.merger2Bias, merged.pointer, rows: tokens, into: out.pointer)
        return out.array
    }

    /// Full (non-causal) attention of every patch over every patch: heads spread over the cores, each with
    /// single-threaded `cblas_sgemm` for `Q·Kᵀ` and `P·V` on its strided columns (OpenBLAS runs one thread per
    /// call in this engine).
    private func attend(
        _ q: UnsafeMutablePointer<Float>, _ k: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>,
        rows n: Int, into out: UnsafeMutablePointer<Float>
    ) {
        let c = config
        let ld = Int32(c.width)
        let size = Int32(n)
        let d = Int32(c.headDim)
        let scale = 1 / Float(c.headDim).squareRoot()
        let pointers = UncheckedPointers(q: q, k: k, v: v, out: out)
        Parallel.forRanges(c.heads) { range in
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: n * n)
            defer { scores.deallocate() }
            for head in range {
                let offset = head * c.headDim
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, size, size, d, scale, pointers.q + offset, ld,
                    pointers.k + offset, ld, 0, scores, size)
                for row in 0..<n { Self.softmax(scores + row * n, count: n) }
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, size, d, size, 1, scores, size, pointers.v + offset, ld,
                    0, pointers.out + offset, ld)
            }
        }
    }

    /// Softmax in place.
    static func softmax(_ x: UnsafeMutablePointer<Float>, count: Int) {
        var maximum = -Float.infinity
        for i in 0..<count { maximum = max(maximum, x[i]) }
        var sum: Float = 0
        for i in 0..<count {
            let e = expf(x[i] - maximum)
            x[i] = e
            sum += e
        }
        let inverse = 1 / sum
        for i in 0..<count { x[i] *= inverse }
    }

    /// `y = x·Wᵀ + b` for `rows` rows.
    static func linear(
        _ matrix: WeightMatrix, _ bias: [Float], _ x: UnsafePointer<Float>, rows: Int,
        into y: UnsafeMutablePointer<Float>
    ) {
        matrix.gemm(x, count: rows, into: y)
        Qwen2LanguageModel.addBias(bias, to: y, rows: rows)
    }

    /// `f` applied to every value, rows split across cores.
    static func apply(_ x: UnsafeMutablePointer<Float>, count: Int, _ f: @Sendable (Float) -> Float) {
        Parallel.forRanges(count, minimumChunk: 1 << 14) { range in
            for i in range { x[i] = f(x[i]) }
        }
    }

    /// LayerNorm with bias of each `weight.count`-wide row.
    static func layerNorm(
        _ x: UnsafePointer<Float>, _ weight: [Float], _ bias: [Float], _ epsilon: Float, rows: Int,
        into y: UnsafeMutablePointer<Float>
    ) {
        let width = weight.count
        Parallel.forRanges(rows, minimumChunk: 16) { range in
            for row in range {
                let input = x + row * width
                let output = y + row * width
                var mean: Float = 0
                for i in 0..<width { mean += input[i] }
                mean /= Float(width)
                var variance: Float = 0
                for i in 0..<width {
                    let d = input[i] - mean
                    variance += d * d
                }
                let inverse = 1 / (variance / Float(width) + epsilon).squareRoot()
                for i in 0..<width { output[i] = (input[i] - mean) * inverse * weight[i] + bias[i] }
            }
        }
    }
}

/// The attention buffers, shared read-only (q, k, v) or by disjoint head columns (out) between workers.
private struct UncheckedPointers: @unchecked Sendable {
    let q: UnsafeMutablePointer<Float>
    let k: UnsafeMutablePointer<Float>
    let v: UnsafeMutablePointer<Float>
    let out: UnsafeMutablePointer<Float>
}
