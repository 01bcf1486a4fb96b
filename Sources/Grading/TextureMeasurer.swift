import Foundation

/// Texture and detail measurements: edges, their directions, local variance,
/// the width and variety of marks, and how much of the picture holds detail.
enum TextureMeasurer {
    /// A Sobel gradient (luminance per pixel, kernel divided by 8) above this is an edge.
    static let edgeThreshold: Float = 0.08
    /// A gradient between this and ``edgeThreshold`` is fine texture: brushwork, shading, grain.
    static let fineThreshold: Float = 0.012
    /// A cell of the 16×16 detail grid is detailed when this share of its pixels are edges.
    static let detailCellShare = 0.03

    static func measure(_ image: WorkingImage, into m: inout Measurements) {
        let w = image.width, h = image.height
        guard w >= 3, h >= 3 else { return }
        let lum = image.luminance
        var orientation = [Double](repeating: 0, count: 8)
        var edges = 0, fine = 0
        let grid = 16
        var cellEdges = [Int](repeating: 0, count: grid * grid)
        var cellPixels = [Int](repeating: 0, count: grid * grid)
        lum.withUnsafeBufferPointer { p in
            for y in 1..<(h - 1) {
                let cy = y * grid / h
                for x in 1..<(w - 1) {
                    let i = y * w + x
                    let gx =
                        (p[i - w + 1] + 2 * p[i + 1] + p[i + w + 1] - p[i - w - 1] - 2 * p[i - 1] - p[i + w - 1]) / 8
                    let gy =
                        (p[i + w - 1] + 2 * p[i + w] + p[i + w + 1] - p[i - w - 1] - 2 * p[i - w] - p[i - w + 1]) / 8
                    let mag = (gx * gx + gy * gy).squareRoot()
                    let cell = cy * grid + x * grid / w
                    cellPixels[cell] += 1
                    guard mag > edgeThreshold else {
                        if mag > fineThreshold { fine += 1 }
                        continue
                    }
                    edges += 1
                    cellEdges[cell] += 1
                    var angle = Double(atan2(gy, gx))
                    if angle < 0 { angle += .pi }
                    orientation[min(7, Int(angle / .pi * 8))] += Double(mag)
                }
            }
        }
        let interior = Double((w - 2) * (h - 2))
        m[.edgeDensity] = Double(edges) / interior
        m[.fineTexture] = Double(fine) / interior
        if Double(edges) >= max(10, 0.001 * interior) {
            let total = orientation.reduce(0, +)
            var entropy = 0.0
            for v in orientation where v > 0 {
                let q = v / total
                entropy -= q * log2(q)
            }
            m[.orientationEntropy] = entropy / 3
        } else {
            m[.orientationEntropy] = 0
        }
        var detailed = 0, cells = 0
        for c in 0..<(grid * grid) where cellPixels[c] > 0 {
            cells += 1
            if Double(cellEdges[c]) >= detailCellShare * Double(cellPixels[c]) { detailed += 1 }
        }
        m[.detail] = cells > 0 ? Double(detailed) / Double(cells) : 0
        m[.localVariance] = blockDeviation(lum, width: w, height: h, block: 8)
        let (width, variety) = strokes(image)
        m[.strokeWidth] = width
        m[.strokeVariety] = variety
        m[.regions] = Double(regions(image))
    }

    /// Distinct shapes: 4-connected regions of marks (or of one colour family within a mark) of at least 0.2 %
    /// of the sheet. A flood that may not cross a change of more than 0.2 per channel separates a red sun from
    /// the blue sky it sits on, as a child would count them.
    static func regions(_ image: WorkingImage) -> Int {
        let w = image.width, h = image.height, n = w * h
        guard n > 0 else { return 0 }
        let minimum = max(4, n / 500)
        var seen = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var count = 0
        image.rgb.withUnsafeBufferPointer { p in
            func close(_ a: Int, _ b: Int) -> Bool {
                max(
                    abs(Int(p[3 * a]) - Int(p[3 * b])),
                    max(abs(Int(p[3 * a + 1]) - Int(p[3 * b + 1])), abs(Int(p[3 * a + 2]) - Int(p[3 * b + 2])))) < 51
            }
            for start in 0..<n where !seen[start] && image.inkDistance[start] > WorkingImage.inkThreshold {
                seen[start] = true
                let size = SheetFinder.grow(from: start, width: w, height: h, stack: &stack) { q, r in
                    guard !seen[r] && image.inkDistance[r] > WorkingImage.inkThreshold && close(q, r) else {
                        return false
                    }
                    seen[r] = true
                    return true
                }
                if size >= minimum { count += 1 }
            }
        }
        return count
    }

    /// The mean standard deviation of luminance over `block`×`block` blocks.
    static func blockDeviation(_ lum: [Float], width w: Int, height h: Int, block: Int) -> Double {
        var total = 0.0, blocks = 0
        var by = 0
        while by < h {
            let y1 = min(h, by + block)
            var bx = 0
            while bx < w {
                let x1 = min(w, bx + block)
                var s = 0.0, s2 = 0.0
                for y in by..<y1 {
                    for x in bx..<x1 {
                        let v = Double(lum[y * w + x])
                        s += v
                        s2 += v * v
                    }
                }
                let c = Double((y1 - by) * (x1 - bx))
                let mean = s / c
                total += max(0, s2 / c - mean * mean).squareRoot()
                blocks += 1
                bx += block
            }
            by += block
        }
        return blocks > 0 ? total / Double(blocks) : 0
    }

    /// Mark width (median run of marked pixels along rows and columns, in % of
    /// the longest side) and mark variety (standard deviation of log2 run lengths).
    static func strokes(_ image: WorkingImage) -> (width: Double, variety: Double) {
        let w = image.width, h = image.height
        var runs = [Int](repeating: 0, count: max(w, h) + 1)
        let ink = image.inkDistance.map { $0 > WorkingImage.inkThreshold }
        /// Counts the runs of marked pixels along `lines` lines of `length` pixels each: pixel `i` of line `l`
        /// is `ink[l * lineStep + i * step]`.
        func countRuns(lines: Int, length: Int, lineStep: Int, step: Int) {
            for line in 0..<lines {
                var run = 0
                for i in 0..<length {
                    if ink[line * lineStep + i * step] {
                        run += 1
                    } else if run > 0 {
                        runs[run] += 1
                        run = 0
                    }
                }
                if run > 0 { runs[run] += 1 }
            }
        }
        countRuns(lines: h, length: w, lineStep: w, step: 1)  // rows
        countRuns(lines: w, length: h, lineStep: 1, step: w)  // columns
        let count = runs.reduce(0, +)
        guard count > 0 else { return (0, 0) }
        var seen = 0, median = 0
        for (length, c) in runs.enumerated() {
            seen += c
            if seen * 2 >= count {
                median = length
                break
            }
        }
        var s = 0.0, s2 = 0.0
        for (length, c) in runs.enumerated() where c > 0 {
            let l = log2(Double(length))
            s += l * Double(c)
            s2 += l * l * Double(c)
        }
        let mean = s / Double(count)
        let variety = max(0, s2 / Double(count) - mean * mean).squareRoot()
        return (100 * Double(median) / Double(max(w, h)), variety)
    }
}
