/// Composition measurements: coverage, balance of visual weight, thirds and
/// centre weight, and how much of the page is left empty.
///
/// A pixel's visual weight is its distance from the background colour, counted
/// only where it is a mark (above ``WorkingImage/inkThreshold``).
enum CompositionMeasurer {
    /// A cell of the 8×8 space grid is empty when its mean weight is below this.
    static let emptyCellWeight = 0.01

    static func measure(_ image: WorkingImage, into m: inout Measurements) {
        let w = image.width, h = image.height
        guard w > 0, h > 0 else { return }
        let grid = 8
        var cellWeight = [Double](repeating: 0, count: grid * grid)
        var cellPixels = [Int](repeating: 0, count: grid * grid)
        var inkCount = 0
        var left = 0.0, right = 0.0, top = 0.0, bottom = 0.0
        var thirds = 0.0, thirdsArea = 0, centre = 0.0, centreArea = 0
        let bandX = max(1, w / 24), bandY = max(1, h / 24)
        let thirdXs = [w / 3, 2 * w / 3], thirdYs = [h / 3, 2 * h / 3]
        image.inkDistance.withUnsafeBufferPointer { d in
            for y in 0..<h {
                let onThirdRow = thirdYs.contains { abs(y - $0) < bandY }
                let centreRow = y >= h / 3 && y < 2 * h / 3
                let cy = y * grid / h
                for x in 0..<w {
                    let dist = d[y * w + x]
                    let weight = dist > WorkingImage.inkThreshold ? Double(dist) : 0
                    let onThirds = onThirdRow || thirdXs.contains { abs(x - $0) < bandX }
                    let inCentre = centreRow && x >= w / 3 && x < 2 * w / 3
                    if onThirds { thirdsArea += 1 }
                    if inCentre { centreArea += 1 }
                    let cell = cy * grid + x * grid / w
                    cellPixels[cell] += 1
                    guard weight > 0 else { continue }
                    inkCount += 1
                    cellWeight[cell] += weight
                    if 2 * x < w { left += weight } else { right += weight }
                    if 2 * y < h { top += weight } else { bottom += weight }
                    if onThirds { thirds += weight }
                    if inCentre { centre += weight }
                }
            }
        }
        let n = Double(w * h)
        let total = left + right
        m[.coverage] = Double(inkCount) / n
        var empty = 0, cells = 0
        for c in 0..<(grid * grid) where cellPixels[c] > 0 {
            cells += 1
            if cellWeight[c] / Double(cellPixels[c]) < emptyCellWeight { empty += 1 }
        }
        m[.spaceUse] = cells > 0 ? 1 - Double(empty) / Double(cells) : 0
        guard total > 1e-9 else {
            m[.balanceLeftRight] = 0
            m[.balanceTopBottom] = 0
            m[.balance] = 0
            m[.thirdsWeight] = 0
            m[.centreWeight] = 0
            return
        }
        let lr = (right - left) / total
        let tb = (bottom - top) / total
        m[.balanceLeftRight] = lr
        m[.balanceTopBottom] = tb
        m[.balance] = 1 - max(abs(lr), abs(tb))
        m[.thirdsWeight] = thirdsArea > 0 ? (thirds / total) / (Double(thirdsArea) / n) : 0
        m[.centreWeight] = centreArea > 0 ? (centre / total) / (Double(centreArea) / n) : 0
    }
}
