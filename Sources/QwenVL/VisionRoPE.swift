#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The vision tower's axial 2-D rotary embedding (HF `VisionRotaryEmbedding`, ggml's `GGML_ROPE_TYPE_VISION`):
/// in each head of width d, pair i (elements i and i + d/2) turns by `row · θ^(−4i/d)` for i < d/4 and by
/// `column · θ^(−4(i − d/4)/d)` for the rest, θ = 10000, where (row, column) is the patch's place in the grid.
struct VisionRoPE {
    let headDim: Int
    /// `count × headDim/2` cosines and sines, one row per patch in 2×2-block order.
    let cosines: [Float]
    let sines: [Float]

    init(headDim: Int, patches: ImagePatches, theta: Double = 10_000) {
        self.headDim = headDim
        let half = headDim / 2
        let quarter = headDim / 4
        let inverse = (0..<quarter).map { Float(1 / pow(theta, Double(2 * $0) / Double(half))) }
        var cosines = [Float](repeating: 0, count: patches.count * half)
        var sines = cosines
        for (index, place) in patches.positions.enumerated() {
            for i in 0..<half {
                let position = Float(i < quarter ? place.row : place.column)
                let angle = position * inverse[i % quarter]
                cosines[index * half + i] = Float(cos(Double(angle)))
                sines[index * half + i] = Float(sin(Double(angle)))
            }
        }
        self.cosines = cosines
        self.sines = sines
    }

    /// Rotates every head of every patch row (`heads × headDim` wide) in place.
    func rotate(_ x: UnsafeMutablePointer<Float>, heads: Int) {
        let half = headDim / 2
        let width = heads * headDim
        let rows = cosines.count / half
        cosines.withUnsafeBufferPointer { cb in
            sines.withUnsafeBufferPointer { sb in
                for row in 0..<rows {
                    let c = cb.baseAddress! + row * half
                    let s = sb.baseAddress! + row * half
                    for head in 0..<heads {
                        let v = x + row * width + head * headDim
                        for j in 0..<half {
                            let a = v[j]
                            let b = v[j + half]
                            v[j] = a * c[j] - b * s[j]
                            v[j + half] = b * c[j] + a * s[j]
                        }
                    }
                }
            }
        }
    }
}
