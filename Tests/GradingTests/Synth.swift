import Foundation
import Imaging

/// Synthetic images with known properties, for measurement tests.
enum Synth {
    static func flat(_ w: Int = 200, _ h: Int = 150, _ c: (UInt8, UInt8, UInt8) = (128, 128, 128)) -> RGBImage {
        RGBImage(width: w, height: h, fill: c)
    }

    /// Fully saturated hues sweeping left to right.
    static func rainbow(_ w: Int = 240, _ h: Int = 160) -> RGBImage {
        var image = RGBImage(width: w, height: h)
        for x in 0..<w {
            let c = hsv(Double(x) / Double(w) * 360, 1, 1)
            for y in 0..<h { image[x, y] = c }
        }
        return image
    }

    /// Vertical stripes of `k` distinct hues, on the whole canvas.
    static func stripes(_ k: Int, _ w: Int = 240, _ h: Int = 160) -> RGBImage {
        var image = RGBImage(width: w, height: h)
        for x in 0..<w {
            let c = hsv(Double(x * k / w) / Double(k) * 360, 0.9, 0.9)
            for y in 0..<h { image[x, y] = c }
        }
        return image
    }

    /// Dark scribbled marks confined to a rectangle of a white page.
    static func marks(
        _ w: Int = 240, _ h: Int = 160, inX: Range<Double> = 0..<1, inY: Range<Double> = 0..<1, seed: UInt64 = 1,
        strokes: Int = 40, color: (UInt8, UInt8, UInt8) = (20, 20, 20)
    ) -> RGBImage {
        var image = RGBImage(width: w, height: h)
        var rng = TestRNG(seed)
        let x0 = Int(inX.lowerBound * Double(w)), x1 = Int(inX.upperBound * Double(w))
        let y0 = Int(inY.lowerBound * Double(h)), y1 = Int(inY.upperBound * Double(h))
        for _ in 0..<strokes {
            var x = Double(rng.int(x0..<x1)), y = Double(rng.int(y0..<y1))
            let angle = rng.unit() * 2 * .pi
            let length = 10 + rng.unit() * 40
            for t in 0..<Int(length) {
                let px = Int(x), py = Int(y)
                for dy in 0..<2 {
                    for dx in 0..<2 {
                        let qx = px + dx, qy = py + dy
                        if qx >= x0 && qx < x1 && qy >= y0 && qy < y1 { image[qx, qy] = color }
                    }
                }
                x += cos(angle + Double(t) * 0.05)
                y += sin(angle + Double(t) * 0.05)
            }
        }
        return image
    }

    /// A varied "artwork": a coloured background band, some shapes and marks, all from the seed.
    static func artwork(seed: UInt64, w: Int = 200, h: Int = 150) -> RGBImage {
        var rng = TestRNG(seed)
        var image = RGBImage(width: w, height: h)
        let shapes = 1 + rng.int(0..<8)
        for _ in 0..<shapes {
            let c = hsv(rng.unit() * 360, rng.unit(), 0.3 + 0.7 * rng.unit())
            let cx = rng.int(0..<w), cy = rng.int(0..<h), r = 5 + rng.int(0..<(w / 3))
            for y in max(0, cy - r)..<min(h, cy + r) {
                for x in max(0, cx - r)..<min(w, cx + r) where (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r {
                    image[x, y] = c
                }
            }
        }
        let scribble = marks(w, h, seed: seed &+ 7, strokes: rng.int(0..<30))
        for y in 0..<h {
            for x in 0..<w where scribble[x, y].r < 100 { image[x, y] = (30, 30, 30) }
        }
        return image
    }

    static func hsv(_ hue: Double, _ s: Double, _ v: Double) -> (r: UInt8, g: UInt8, b: UInt8) {
        let c = v * s
        let hp = hue.truncatingRemainder(dividingBy: 360) / 60
        let x = c * (1 - abs(hp.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double)
        switch Int(hp) {
        case 0: (r, g, b) = (c, x, 0)
        case 1: (r, g, b) = (x, c, 0)
        case 2: (r, g, b) = (0, c, x)
        case 3: (r, g, b) = (0, x, c)
        case 4: (r, g, b) = (x, 0, c)
        default: (r, g, b) = (c, 0, x)
        }
        let m = v - c
        return (UInt8((r + m) * 255), UInt8((g + m) * 255), UInt8((b + m) * 255))
    }
}

/// A deterministic generator for test data.
struct TestRNG {
    var state: UInt64
    init(_ seed: UInt64) { state = seed &* 0x9e37_79b9_7f4a_7c15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func int(_ range: Range<Int>) -> Int {
        range.isEmpty ? range.lowerBound : range.lowerBound + Int(next() % UInt64(range.count))
    }
}
