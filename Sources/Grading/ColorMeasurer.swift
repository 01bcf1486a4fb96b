import Foundation

/// Colour measurements: colourfulness, palette, hue entropy, spreads, contrast.
enum ColorMeasurer {
    /// A palette colour must cover at least this share of the image (0.5 %).
    static let paletteShare = 0.005

    static func measure(_ image: WorkingImage, into m: inout Measurements) {
        let n = image.count
        guard n > 0 else { return }
        var sumRG = 0.0, sumRG2 = 0.0, sumYB = 0.0, sumYB2 = 0.0
        var sumS = 0.0, sumS2 = 0.0, sumV = 0.0, sumV2 = 0.0
        var bins = [Int](repeating: 0, count: 64)
        var hueBins = [Int](repeating: 0, count: 12)
        var lumHist = [Int](repeating: 0, count: 256)
        var chromatic = 0, inkChromatic = 0, inkWarm = 0
        var named = [Int](repeating: 0, count: ColourName.allCases.count)
        image.rgb.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let r = Int(p[3 * i]), g = Int(p[3 * i + 1]), b = Int(p[3 * i + 2])
                let rg = Double(r - g)
                let yb = Double(r + g) / 2 - Double(b)
                sumRG += rg
                sumRG2 += rg * rg
                sumYB += yb
                sumYB2 += yb * yb
                bins[(r >> 6) << 4 | (g >> 6) << 2 | (b >> 6)] += 1
                let mx = max(r, max(g, b)), mn = min(r, min(g, b))
                let v = Double(mx) / 255
                let s = mx == 0 ? 0 : Double(mx - mn) / Double(mx)
                sumS += s
                sumS2 += s * s
                sumV += v
                sumV2 += v * v
                lumHist[min(255, Int(image.luminance[i] * 255 + 0.5))] += 1
                let hue = hueDegrees(r: r, g: g, b: b, max: mx, min: mn)
                if image.inkDistance[i] > WorkingImage.inkThreshold {
                    let chroma = Double(mx - mn) / 255
                    let tint = mn < 255 ? Double(mx - mn) / Double(255 - mn) : 0
                    let name = ColourName.of(hue: hue, saturation: s, value: v, tint: tint, chroma: chroma)
                    named[name.rawValue] += 1
                    if name.isChromatic {
                        inkChromatic += 1
                        if hue < 75 || hue >= 315 { inkWarm += 1 }
                    }
                }
                if s > 0.25 && v > 0.2 {
                    hueBins[min(11, Int(hue / 30))] += 1
                    chromatic += 1
                }
            }
        }
        let count = Double(n)
        func spread(_ sum: Double, _ sum2: Double) -> Double {
            let mean = sum / count
            return max(0, sum2 / count - mean * mean).squareRoot()
        }
        let meanRG = sumRG / count, meanYB = sumYB / count
        m[.colorfulness] =
            (spread(sumRG, sumRG2).squared + spread(sumYB, sumYB2).squared).squareRoot()
            + 0.3 * (meanRG * meanRG + meanYB * meanYB).squareRoot()
        m[.paletteSize] = Double(bins.filter { Double($0) >= paletteShare * count }.count)
        m[.saturationSpread] = spread(sumS, sumS2)
        m[.valueSpread] = spread(sumV, sumV2)
        m[.contrast] = Double(percentile(lumHist, 0.98, total: n) - percentile(lumHist, 0.02, total: n)) / 255
        let enoughColour = Double(chromatic) >= max(10, paletteShare * count)
        m[.hueEntropy] = enoughColour ? entropy(hueBins) : 0
        let marks = named.reduce(0, +)
        // Temperature is only measured where the marks have enough colour to have one.
        m[.warmShare] =
            Double(inkChromatic) >= max(10, 0.05 * Double(marks)) ? Double(inkWarm) / Double(inkChromatic) : 0
        let ranked = named.indices.filter { named[$0] > 0 }.sorted { named[$0] > named[$1] }
        m[.mainColour] = ranked.first.map { Double($0 + 1) } ?? 0
        // The second colour: the next most common, or, when the marks are mostly black or grey, the most
        // common hue as long as the hues together make 5 % of the marks (a coloured ball in a pen drawing).
        let hues = ranked.filter { ColourName(rawValue: $0)?.isChromatic == true }
        if let first = ranked.first, ColourName(rawValue: first)?.isChromatic == false, let hue = hues.first,
            Double(inkChromatic) >= 0.05 * Double(marks)
        {
            m[.secondColour] = Double(hue + 1)
        } else {
            m[.secondColour] =
                ranked.count > 1 && Double(named[ranked[1]]) >= 0.05 * Double(marks) ? Double(ranked[1] + 1) : 0
        }
    }

    /// Hue in degrees, 0..<360.
    static func hueDegrees(r: Int, g: Int, b: Int, max mx: Int, min mn: Int) -> Double {
        let d = Double(mx - mn)
        guard d > 0 else { return 0 }
        var h: Double
        if mx == r {
            h = Double(g - b) / d
        } else if mx == g {
            h = Double(b - r) / d + 2
        } else {
            h = Double(r - g) / d + 4
        }
        h *= 60
        if h < 0 { h += 360 }
        return h >= 360 ? 0 : h
    }

    /// The value below which `fraction` of a 256-bin histogram lies.
    static func percentile(_ hist: [Int], _ fraction: Double, total: Int) -> Int {
        let target = fraction * Double(total)
        var seen = 0
        for (v, c) in hist.enumerated() {
            seen += c
            if Double(seen) >= target { return v }
        }
        return hist.count - 1
    }

    /// Shannon entropy in bits of a histogram.
    static func entropy(_ hist: [Int]) -> Double {
        let total = Double(hist.reduce(0, +))
        guard total > 0 else { return 0 }
        var h = 0.0
        for c in hist where c > 0 {
            let p = Double(c) / total
            h -= p * log2(p)
        }
        return h
    }
}

extension Double {
    fileprivate var squared: Double { self * self }
}
