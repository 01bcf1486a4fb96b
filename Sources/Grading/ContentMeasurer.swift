/// Content measurements from the picture itself: what stands out from the ground, how big the main subject is,
/// and where it sits. With the distinct shapes and detail (``TextureMeasurer``) they carry the content
/// dimension; the artist's description only supports them.
///
/// The picture is read on a coarse grid of cells (about 50 along the longest side). The **ground** is what the
/// border shows: on paper (most border cells unmarked) it is the paper, and a cell belongs to the figure when
/// marks cross it; on a painting to the edge it is the border's colours, and a cell belongs to the figure when
/// its colour is unlike most of the border. The figure is closed by one cell and its holes are filled, so an
/// outline drawing counts as the shape it draws; the **subject** is its largest connected part.
enum ContentMeasurer {
    /// On paper, a cell is part of the figure when this share of its pixels are marks (a 2-pixel line crossing
    /// a 6-pixel cell marks about a third of it; speckle and paper grain stay below) …
    static let inkedCellShare = 0.06
    /// … on a painting, when this share of its pixels are unlike every ground colour (brush texture in the
    /// ground makes single pixels stray).
    static let paintedCellShare = 0.3
    /// A painting's pixel is unlike a ground colour beyond this largest channel difference (0...1, about 50 of 255).
    static let figureDistance: Float = 0.2
    /// A colour is a ground colour when this share of the border shows it.
    static let groundShare = 0.15

    static func measure(_ image: WorkingImage, into m: inout Measurements) {
        let w = image.width, h = image.height
        guard w >= 8, h >= 8 else { return }
        let side = max(2, max(w, h) / 48)
        let gw = (w + side - 1) / side, gh = (h + side - 1) / side
        let cells = gw * gh
        let ink = image.inkDistance
        let inkThreshold = WorkingImage.inkThreshold
        // The ground is the paper when most of the border is unmarked, else the border's own colours.
        let ring = (0..<(w * h)).filter { i in
            let x = i % w, y = i / w
            return x < side || y < side || x >= w - side || y >= h - side
        }
        let onPaper = Double(ring.filter { ink[$0] <= inkThreshold }.count) >= 0.6 * Double(ring.count)
        let figureDistance: [Float] =
            onPaper ? ink.map { $0 > inkThreshold ? $0 : 0 } : distances(image, from: groundColours(image, ring))
        let threshold: Float = onPaper ? 0 : Self.figureDistance
        // Per cell: the share of figure pixels and the strongest difference from the ground.
        var share = [Double](repeating: 0, count: cells)
        var strongest = [Double](repeating: 0, count: cells)
        var pixels = [Double](repeating: 0, count: cells)
        for y in 0..<h {
            for x in 0..<w {
                let i = y * w + x, c = (y / side) * gw + x / side
                pixels[c] += 1
                if figureDistance[i] > threshold { share[c] += 1 }
                strongest[c] = max(strongest[c], Double(figureDistance[i]))
            }
        }
        let minimum = onPaper ? inkedCellShare : paintedCellShare
        let figure = (0..<cells).map { share[$0] / pixels[$0] >= minimum }
        let closed = SheetFinder.fillHoles(close(figure, width: gw, height: gh), width: gw, height: gh)
        let (subject, size, objects) = largestComponent(closed, width: gw, height: gh, minimum: max(2, cells / 200))
        m[.subjectSize] = Double(size) / Double(cells)
        // A painting to the edge floods into one region of marks, so its distinct shapes are the separate
        // things that stand out from its ground (each at least 0.5 % of the picture).
        if !onPaper { m[.regions] = max(m[.regions], Double(objects)) }
        guard size > 0 else {
            m[.figureGround] = 0
            m[.subjectX] = 0.5
            m[.subjectY] = 0.5
            return
        }
        var sx = 0.0, sy = 0.0
        var separation = 0.0, edges = 0
        for c in 0..<cells where subject[c] {
            sx += (Double(c % gw) + 0.5) / Double(gw)
            sy += (Double(c / gw) + 0.5) / Double(gh)
            // Contrast along the subject's outline: how strongly the cells on it differ from the ground.
            var outside = false
            SheetFinder.forEachNeighbour(c, width: gw, height: gh) { q in if !closed[q] { outside = true } }
            guard outside else { continue }
            edges += 1
            separation += strongest[c]
        }
        m[.subjectX] = sx / Double(size)
        m[.subjectY] = sy / Double(size)
        // A subject that fills the whole picture has no outline inside it: nothing to separate it from.
        m[.figureGround] = edges > 0 ? separation / Double(edges) : 0
    }

    /// The colours a painting's border mostly shows: a few rounds of k-means (k = 3) over the border ring's
    /// pixels, keeping each cluster that holds ``groundShare`` of them.
    static func groundColours(_ image: WorkingImage, _ ring: [Int]) -> [(Float, Float, Float)] {
        let stride = max(1, ring.count / 3000)
        let sample = Swift.stride(from: 0, to: ring.count, by: stride).map { k -> (Float, Float, Float) in
            let i = ring[k]
            return (Float(image.rgb[3 * i]) / 255, Float(image.rgb[3 * i + 1]) / 255, Float(image.rgb[3 * i + 2]) / 255)
        }
        guard !sample.isEmpty else { return [] }
        let byLight = sample.sorted { $0.0 + $0.1 + $0.2 < $1.0 + $1.1 + $1.2 }
        var centres = [byLight[byLight.count / 6], byLight[byLight.count / 2], byLight[5 * byLight.count / 6]]
        var counts = [Int](repeating: 0, count: 3)
        for _ in 0..<8 {
            var sums = [(Float, Float, Float)](repeating: (0, 0, 0), count: 3)
            counts = [0, 0, 0]
            for p in sample {
                let k = (0..<3).min { colourDistance(p, centres[$0]) < colourDistance(p, centres[$1]) }!
                sums[k] = (sums[k].0 + p.0, sums[k].1 + p.1, sums[k].2 + p.2)
                counts[k] += 1
            }
            for k in 0..<3 where counts[k] > 0 {
                let n = Float(counts[k])
                centres[k] = (sums[k].0 / n, sums[k].1 / n, sums[k].2 / n)
            }
        }
        return (0..<3).filter { Double(counts[$0]) >= groundShare * Double(sample.count) }.map { centres[$0] }
    }

    /// Each pixel's largest channel difference from the nearest ground colour, 0...1.
    static func distances(_ image: WorkingImage, from ground: [(Float, Float, Float)]) -> [Float] {
        guard !ground.isEmpty else { return [Float](repeating: 1, count: image.count) }
        return (0..<image.count).map { i in
            let p = (
                Float(image.rgb[3 * i]) / 255, Float(image.rgb[3 * i + 1]) / 255, Float(image.rgb[3 * i + 2]) / 255
            )
            return ground.map { colourDistance(p, $0) }.min()!
        }
    }

    /// The largest channel difference between two colours.
    static func colourDistance(_ a: (Float, Float, Float), _ b: (Float, Float, Float)) -> Float {
        max(abs(a.0 - b.0), max(abs(a.1 - b.1), abs(a.2 - b.2)))
    }

    /// Dilates a cell mask by one cell (8-neighbourhood), then erodes the result by one cell: closes gaps of a
    /// cell between marks, so a drawn outline becomes a closed shape.
    static func close(_ mask: [Bool], width w: Int, height h: Int) -> [Bool] {
        /// Whether any cell of the 3×3 block around (x, y) inside the grid has `value` in `src`.
        func any(_ src: [Bool], _ x: Int, _ y: Int, _ value: Bool) -> Bool {
            for ny in max(0, y - 1)...min(h - 1, y + 1) {
                for nx in max(0, x - 1)...min(w - 1, x + 1) where src[ny * w + nx] == value { return true }
            }
            return false
        }
        var dilated = mask
        for y in 0..<h { for x in 0..<w where !mask[y * w + x] { dilated[y * w + x] = any(mask, x, y, true) } }
        // Erode inside the grid only: the picture's edge is not ground, so a shape running off it stays whole.
        var closed = dilated
        for y in 0..<h { for x in 0..<w where dilated[y * w + x] { closed[y * w + x] = !any(dilated, x, y, false) } }
        return zip(closed, mask).map { $0 || $1 }
    }

    /// The largest 4-connected region of a mask, its size in cells, and how many regions have `minimum` cells.
    static func largestComponent(_ mask: [Bool], width w: Int, height h: Int, minimum: Int) -> ([Bool], Int, Int) {
        var count = 0
        var label = [Int](repeating: 0, count: w * h)
        var best = (label: 0, size: 0)
        var next = 0
        var stack: [Int] = []
        for start in 0..<(w * h) where mask[start] && label[start] == 0 {
            next += 1
            label[start] = next
            let size = SheetFinder.grow(from: start, width: w, height: h, stack: &stack) { _, q in
                guard mask[q] && label[q] == 0 else { return false }
                label[q] = next
                return true
            }
            if size > best.size { best = (next, size) }
            if size >= minimum { count += 1 }
        }
        return (label.map { $0 == best.label && best.label != 0 }, best.size, count)
    }
}
