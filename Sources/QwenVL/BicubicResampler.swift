/// Resizes 8-bit RGB images with the antialiased bicubic filter (a = −0.5) of Pillow's `Image.resize(BICUBIC)`,
/// which is what Qwen2-VL's image processor uses: separable passes (horizontal first), a filter stretched by the
/// scale when shrinking, coefficients in 22-bit fixed point, and rounding to bytes after each pass.
enum BicubicResampler {
    static let precisionBits = 22

    /// Resamples `rgb` (`width × height`, interleaved) to `newWidth × newHeight`.
    static func resize(_ rgb: [UInt8], width: Int, height: Int, newWidth: Int, newHeight: Int) -> [UInt8] {
        var pixels = rgb
        var currentWidth = width
        if newWidth != width {
            pixels = pass(pixels, lines: height, inSize: width, outSize: newWidth, horizontal: true)
            currentWidth = newWidth
        }
        if newHeight != height {
            pixels = pass(pixels, lines: currentWidth, inSize: height, outSize: newHeight, horizontal: false)
        }
        return pixels
    }

    /// Pillow's `bicubic_filter`.
    static func filter(_ value: Double) -> Double {
        let a = -0.5
        let x = abs(value)
        if x < 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
        if x < 2 { return (((x - 5) * x + 8) * x - 4) * a }
        return 0
    }

    /// For each output index: the first input index and the fixed-point weights (Pillow's `precompute_coeffs` and
    /// `normalize_coeffs_8bpc`).
    static func coefficients(inSize: Int, outSize: Int) -> [(first: Int, weights: [Int])] {
        let scale = Double(inSize) / Double(outSize)
        let filterScale = max(scale, 1)
        let support = 2 * filterScale
        var out: [(Int, [Int])] = []
        out.reserveCapacity(outSize)
        for xx in 0..<outSize {
            let center = (Double(xx) + 0.5) * scale
            let inverse = 1 / filterScale
            let xmin = max(0, Int(center - support + 0.5))
            let xmax = min(inSize, Int(center + support + 0.5)) - xmin
            var raw = (0..<max(0, xmax)).map { filter((Double($0 + xmin) - center + 0.5) * inverse) }
            let total = raw.reduce(0, +)
            if total != 0 { raw = raw.map { $0 / total } }
            let one = Double(1 << precisionBits)
            out.append((xmin, raw.map { $0 < 0 ? Int(-0.5 + $0 * one) : Int(0.5 + $0 * one) }))
        }
        return out
    }

    /// One separable pass along rows (`horizontal`) or columns.
    private static func pass(_ src: [UInt8], lines: Int, inSize: Int, outSize: Int, horizontal: Bool) -> [UInt8] {
        let coefficients = coefficients(inSize: inSize, outSize: outSize)
        var dst = [UInt8](repeating: 0, count: lines * outSize * 3)
        let half = 1 << (precisionBits - 1)
        src.withUnsafeBufferPointer { s in
            dst.withUnsafeMutableBufferPointer { d in
                for line in 0..<lines {
                    for (o, (first, weights)) in coefficients.enumerated() {
                        var sums = (half, half, half)
                        for (k, w) in weights.enumerated() {
                            let i = first + k
                            let index = horizontal ? (line * inSize + i) * 3 : (i * lines + line) * 3
                            sums.0 += Int(s[index]) * w
                            sums.1 += Int(s[index + 1]) * w
                            sums.2 += Int(s[index + 2]) * w
                        }
                        let out = horizontal ? (line * outSize + o) * 3 : (o * lines + line) * 3
                        d[out] = clip(sums.0)
                        d[out + 1] = clip(sums.1)
                        d[out + 2] = clip(sums.2)
                    }
                }
            }
        }
        return dst
    }

    private static func clip(_ value: Int) -> UInt8 {
        UInt8(clamping: value >> precisionBits)
    }
}
