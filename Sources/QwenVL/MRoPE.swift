/// A token's rotary position on the three M-RoPE axes (temporal, height, width). Text tokens carry the same
/// value on all three; image tokens carry the image's start position plus their row and column.
public struct MRoPEPosition: Sendable, Equatable {
    /// Temporal axis.
    public var t: Int
    /// Height axis.
    public var h: Int
    /// Width axis.
    public var w: Int

    /// A position with separate axes.
    public init(t: Int, h: Int, w: Int) {
        self.t = t
        self.h = h
        self.w = w
    }

    /// A text position: `p` on every axis.
    public init(text p: Int) {
        self.init(t: p, h: p, w: p)
    }
}

/// Multimodal rotary embedding (ggml's `GGML_ROPE_TYPE_MROPE`, HF `Qwen2VLRotaryEmbedding`): rotary pair j of a
/// head (elements j and j + headDim/2, NeoX style) turns by `position[axis(j)] · θ^(−2j/headDim)`, where the
/// sections give how many consecutive pairs take the t, h and w axes.
struct MRoPE: Sendable {
    let headDim: Int
    /// Inverse frequency of each pair.
    let inverseFrequencies: [Double]
    /// Axis (0 t, 1 h, 2 w, 3 the unused 4th) of each pair.
    let axes: [Int]

    init(headDim: Int, theta: Float, sections: [Int]) {
        self.headDim = headDim
        let half = headDim / 2
        inverseFrequencies = (0..<half).map { j in 1 / pow(Double(theta), Double(2 * j) / Double(headDim)) }
        var axes: [Int] = []
        for (axis, count) in sections.enumerated() { axes += [Int](repeating: axis, count: count) }
        self.axes = Array(axes.prefix(half)) + [Int](repeating: 0, count: max(0, half - axes.count))
    }

    /// cos and sin of each pair's angle at `position` (`headDim / 2` values each).
    func table(_ position: MRoPEPosition) -> (cos: [Float], sin: [Float]) {
        let values = [Double(position.t), Double(position.h), Double(position.w), 0]
        var cosines = [Float](repeating: 0, count: headDim / 2)
        var sines = [Float](repeating: 0, count: headDim / 2)
        for j in 0..<(headDim / 2) {
            // Like HF: the angle is formed in f32, then rotated.
            let angle = Float(values[axes[j]]) * Float(inverseFrequencies[j])
            cosines[j] = Float(cos(Double(angle)))
            sines[j] = Float(sin(Double(angle)))
        }
        return (cosines, sines)
    }

    /// Rotates `count` consecutive heads at `x` in place with a precomputed table.
    func rotate(_ x: UnsafeMutablePointer<Float>, heads count: Int, cos: [Float], sin: [Float]) {
        let half = headDim / 2
        for head in 0..<count {
            let v = x + head * headDim
            for j in 0..<half {
                let a = v[j]
                let b = v[j + half]
                v[j] = a * cos[j] - b * sin[j]
                v[j + half] = b * cos[j] + a * sin[j]
            }
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
