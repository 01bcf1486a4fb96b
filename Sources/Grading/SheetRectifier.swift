import Imaging

/// Maps a found sheet back to an upright rectangle and divides out the paper's
/// own white, so shadows, vignetting and a tinted light read as paper, not marks.
enum SheetRectifier {
    /// The share of each side trimmed inside the found outline, so the table does not bleed in at the edge.
    static let inset = 0.015
    /// A visible-paper pixel this much darker than the fitted white (0...1) is a faint mark, not paper.
    static let markResidual: Float = 0.05

    /// The sheet, perspective corrected and flat-fielded, with the paper at pure white.
    static func rectify(_ photo: RGBImage, sheet: Sheet, paper: [Bool]) -> RGBImage {
        let c = sheet.corners
        func length(_ a: Sheet.Point, _ b: Sheet.Point) -> Double {
            ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
        }
        let w0 = (length(c[0], c[1]) + length(c[3], c[2])) / 2
        let h0 = (length(c[0], c[3]) + length(c[1], c[2])) / 2
        let longest = Double(WorkingImage.longestSide)
        let scale = min(1, longest / max(w0, h0))
        let w = max(8, Int((w0 * scale).rounded())), h = max(8, Int((h0 * scale).rounded()))
        let map = Homography(square: c)
        var rgb = [Float](repeating: 0, count: w * h * 3)
        var isPaper = [Bool](repeating: false, count: w * h)
        let pw = photo.width, ph = photo.height
        photo.pixels.withUnsafeBufferPointer { p in
            for y in 0..<h {
                let v = inset + (1 - 2 * inset) * (Double(y) + 0.5) / Double(h)
                for x in 0..<w {
                    let u = inset + (1 - 2 * inset) * (Double(x) + 0.5) / Double(w)
                    let (sx, sy) = map.apply(u, v)
                    // Bilinear sampling at pixel centres.
                    let fx = min(Double(pw - 1), max(0, sx - 0.5)), fy = min(Double(ph - 1), max(0, sy - 0.5))
                    let x0 = Int(fx), y0 = Int(fy)
                    let x1 = min(pw - 1, x0 + 1), y1 = min(ph - 1, y0 + 1)
                    let ax = Float(fx - Double(x0)), ay = Float(fy - Double(y0))
                    let o = 3 * (y * w + x)
                    for ch in 0..<3 {
                        let a = Float(p[3 * (y0 * pw + x0) + ch]), b = Float(p[3 * (y0 * pw + x1) + ch])
                        let cc = Float(p[3 * (y1 * pw + x0) + ch]), d = Float(p[3 * (y1 * pw + x1) + ch])
                        rgb[o + ch] = ((a * (1 - ax) + b * ax) * (1 - ay) + (cc * (1 - ax) + d * ax) * ay) / 255
                    }
                    isPaper[y * w + x] = paper[Int(fy.rounded()) * pw + Int(fx.rounded())]
                }
            }
        }
        let white = paperWhite(rgb, paper: isPaper, width: w, height: h)
        var out = [UInt8](repeating: 255, count: w * h * 3)
        for i in 0..<(w * h) {
            for ch in 0..<3 {
                let v = rgb[3 * i + ch] / white[3 * i + ch]
                out[3 * i + ch] = UInt8(min(255, max(0, (v * 255).rounded())))
            }
        }
        return RGBImage(width: w, height: h, pixels: out)
    }

    /// The paper's white at every pixel: per channel, a quadratic surface in (x, y)
    /// fitted to the visible paper, refitted once without pixels well below it.
    /// Floors at 0.2 so a shadow extrapolated into a painted corner cannot blow up.
    static func paperWhite(_ rgb: [Float], paper: [Bool], width w: Int, height h: Int) -> [Float] {
        let n = w * h
        var samples = (0..<n).filter { paper[$0] }
        let stride = max(1, samples.count / 3000)
        samples = Swift.stride(from: 0, to: samples.count, by: stride).map { samples[$0] }
        func basis(_ i: Int) -> [Double] {
            let u = Double(i % w) / Double(w) - 0.5, v = Double(i / w) / Double(h) - 0.5
            return [u, v, u * u, v * v, u * v]
        }
        var fits: [Ridge.Fit] = []
        for ch in 0..<3 {
            var kept = samples
            var fit: Ridge.Fit?
            for _ in 0..<2 {
                guard kept.count >= 12,
                    let f = try? Ridge.fit(x: kept.map(basis), y: kept.map { Double(rgb[3 * $0 + ch]) }, lambda: 1e-3)
                else { break }
                fit = f
                kept = kept.filter { Float(f.predict(basis($0))) - rgb[3 * $0 + ch] < markResidual }
            }
            let fallback =
                samples.isEmpty ? 1 : samples.reduce(0.0) { $0 + Double(rgb[3 * $1 + ch]) } / Double(samples.count)
            fits.append(fit ?? Ridge.Fit(intercept: fallback, weights: [0, 0, 0, 0, 0]))
        }
        var white = [Float](repeating: 1, count: n * 3)
        for i in 0..<n {
            let b = basis(i)
            for ch in 0..<3 { white[3 * i + ch] = max(0.2, Float(fits[ch].predict(b))) }
        }
        return white
    }
}

/// The projective map from the unit square onto a quadrilateral (Heckbert, 1989):
/// (0,0) → corner 0, (1,0) → corner 1, (1,1) → corner 2, (0,1) → corner 3.
struct Homography {
    let a, b, c, d, e, f, g, h: Double

    init(square q: [Sheet.Point]) {
        let (x0, y0, x1, y1, x2, y2, x3, y3) = (q[0].x, q[0].y, q[1].x, q[1].y, q[2].x, q[2].y, q[3].x, q[3].y)
        let dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3
        let dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3
        let det = dx1 * dy2 - dx2 * dy1
        let g = abs(det) > 1e-12 ? (dx3 * dy2 - dx2 * dy3) / det : 0
        let h = abs(det) > 1e-12 ? (dx1 * dy3 - dx3 * dy1) / det : 0
        self.g = g
        self.h = h
        a = x1 - x0 + g * x1
        b = x3 - x0 + h * x3
        c = x0
        d = y1 - y0 + g * y1
        e = y3 - y0 + h * y3
        f = y0
    }

    func apply(_ u: Double, _ v: Double) -> (Double, Double) {
        let z = g * u + h * v + 1
        return ((a * u + b * v + c) / z, (d * u + e * v + f) / z)
    }
}
