import Imaging

/// The scorer's working copy of an artwork: small, with luminance and the
/// background distance precomputed once for every measurement pass.
struct WorkingImage {
    /// The longest side the built-in scorer measures at.
    static let longestSide = 320

    let width: Int
    let height: Int
    /// RGB bytes, row-major.
    let rgb: [UInt8]
    /// Rec. 601 luminance in 0...1 per pixel.
    let luminance: [Float]
    /// The background colour: the per-channel median of the border ring.
    let background: (r: UInt8, g: UInt8, b: UInt8)
    /// The largest channel difference from the background, 0...1, per pixel.
    let inkDistance: [Float]

    /// The distance above which a pixel counts as a mark rather than background (about 30 of 255).
    static let inkThreshold: Float = 0.12

    var count: Int { width * height }

    init(_ source: RGBImage) {
        let image =
            max(source.width, source.height) > Self.longestSide
            ? Self.downscale(source, longestSide: Self.longestSide) : source
        width = image.width
        height = image.height
        rgb = image.pixels
        let n = image.width * image.height
        var lum = [Float](repeating: 0, count: n)
        image.pixels.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let r = Float(p[3 * i]), g = Float(p[3 * i + 1]), b = Float(p[3 * i + 2])
                lum[i] = (0.299 * r + 0.587 * g + 0.114 * b) / 255
            }
        }
        luminance = lum
        let bg = Self.borderMedian(image)
        background = bg
        var dist = [Float](repeating: 0, count: n)
        image.pixels.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let dr = abs(Int(p[3 * i]) - Int(bg.r))
                let dg = abs(Int(p[3 * i + 1]) - Int(bg.g))
                let db = abs(Int(p[3 * i + 2]) - Int(bg.b))
                dist[i] = Float(max(dr, max(dg, db))) / 255
            }
        }
        inkDistance = dist
    }

    /// The per-channel median colour of the outer ring (1/32 of the shorter side, at least one pixel).
    static func borderMedian(_ image: RGBImage) -> (r: UInt8, g: UInt8, b: UInt8) {
        let w = image.width, h = image.height
        guard w > 0, h > 0 else { return (255, 255, 255) }
        let ring = max(1, min(w, h) / 32)
        var hist = [[Int]](repeating: [Int](repeating: 0, count: 256), count: 3)
        var total = 0
        for y in 0..<h {
            let rowInRing = y < ring || y >= h - ring
            var x = 0
            while x < w {
                if !rowInRing && x == ring && w - ring > ring {
                    x = w - ring
                    continue
                }
                let i = (y * w + x) * 3
                hist[0][Int(image.pixels[i])] += 1
                hist[1][Int(image.pixels[i + 1])] += 1
                hist[2][Int(image.pixels[i + 2])] += 1
                total += 1
                x += 1
            }
        }
        func median(_ h: [Int]) -> UInt8 {
            var seen = 0
            for (v, c) in h.enumerated() {
                seen += c
                if seen * 2 >= total { return UInt8(v) }
            }
            return 255
        }
        return (median(hist[0]), median(hist[1]), median(hist[2]))
    }

    /// Box-averages an image down so that its longest side is `longestSide`, keeping the aspect ratio.
    static func downscale(_ image: RGBImage, longestSide: Int) -> RGBImage {
        let scale = Double(longestSide) / Double(max(image.width, image.height))
        let ow = max(1, Int((Double(image.width) * scale).rounded()))
        let oh = max(1, Int((Double(image.height) * scale).rounded()))
        var out = [UInt8](repeating: 0, count: ow * oh * 3)
        let xs = (0...ow).map { min(image.width, $0 * image.width / ow) }
        let ys = (0...oh).map { min(image.height, $0 * image.height / oh) }
        image.pixels.withUnsafeBufferPointer { p in
            for oy in 0..<oh {
                let y0 = ys[oy], y1 = max(ys[oy + 1], y0 + 1)
                for ox in 0..<ow {
                    let x0 = xs[ox], x1 = max(xs[ox + 1], x0 + 1)
                    var r = 0, g = 0, b = 0
                    for y in y0..<y1 {
                        var i = (y * image.width + x0) * 3
                        for _ in x0..<x1 {
                            r += Int(p[i])
                            g += Int(p[i + 1])
                            b += Int(p[i + 2])
                            i += 3
                        }
                    }
                    let c = (y1 - y0) * (x1 - x0)
                    let o = (oy * ow + ox) * 3
                    out[o] = UInt8((r + c / 2) / c)
                    out[o + 1] = UInt8((g + c / 2) / c)
                    out[o + 2] = UInt8((b + c / 2) / c)
                }
            }
        }
        return RGBImage(width: ow, height: oh, pixels: out)
    }
}
