import Foundation

/// Where the sheet of paper lies in a photo, as the built-in scorer found it.
///
/// A phone photo of an artwork shows the table or floor around the paper, tilted
/// by perspective and lit unevenly. The scorer measures only the sheet: it finds
/// the paper's outline, maps the quadrilateral back to a rectangle and divides out
/// the paper's own white (which carries the shadows and vignetting).
public struct Sheet: Sendable, Hashable {
    /// A point in the searched image's pixel coordinates.
    public struct Point: Sendable, Hashable {
        /// Column, from the left edge.
        public var x: Double
        /// Row, from the top edge.
        public var y: Double
    }

    /// Whether a sheet of paper was found (else the whole photo is measured).
    public var found: Bool
    /// The sheet's corners: top-left, top-right, bottom-right, bottom-left (the photo's corners when not found).
    public var corners: [Point]
    /// The share of the photo the sheet takes, 0...1 (1 when not found).
    public var share: Double
}

/// Finds the sheet of paper in a photo.
///
/// Paper is the largest smooth, near-neutral, bright region: it is grown from the
/// brightest neutral pixels, accepting a neighbour whose (lightly blurred) colour
/// differs by less than ``step`` per channel. Shadows and vignetting change the
/// paper's colour slowly, so the growth crosses them; the paper's edge against a
/// table and the marks on it are steps, so it stops there. Holes (the marks) are
/// filled, and the corners are the region's extreme points along the diagonals.
enum SheetFinder {
    /// The largest per-channel difference (0...1) between neighbours on the same paper.
    /// Shadows in the test photos change by under 0.005 per pixel at 320 px; paper edges by 0.08 or more.
    static let step: Float = 0.03
    /// Paper is near-neutral: its saturation ((max − min) / max channel) is below this. White paper under a
    /// warm lamp measures up to 0.2; wooden and coloured tables 0.35 and more.
    static let paperSaturation: Float = 0.28
    /// A sheet smaller than this share of the photo is not taken for one (a bright patch in a painting is
    /// not a sheet; in the test photos sheets take 30 % or more).
    static let minimumShare = 0.2
    /// Visible paper smaller than this share of the photo is not grown into a sheet.
    static let minimumPaper = 0.03
    /// The filled region must cover this share of the quadrilateral through its corners.
    static let minimumSolidity = 0.8

    /// The sheet and, for each pixel, whether it is visible paper (false outside the sheet and on marks).
    static func find(rgb: [UInt8], width w: Int, height h: Int) -> (sheet: Sheet, paper: [Bool]) {
        let n = w * h
        let whole = Sheet(
            found: false,
            corners: [
                .init(x: 0, y: 0), .init(x: Double(w), y: 0), .init(x: Double(w), y: Double(h)),
                .init(x: 0, y: Double(h)),
            ], share: 1)
        guard w >= 16, h >= 16 else { return (whole, [Bool](repeating: false, count: n)) }
        let smooth = boxBlur(rgb, width: w, height: h)
        var lum = [Float](repeating: 0, count: n)
        var candidate = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let r = smooth[3 * i], g = smooth[3 * i + 1], b = smooth[3 * i + 2]
            let mx = max(r, max(g, b)), mn = min(r, min(g, b))
            lum[i] = 0.299 * r + 0.587 * g + 0.114 * b
            candidate[i] = mx - mn < paperSaturation * mx && lum[i] > 0.3
        }
        let seeds = (0..<n).filter { candidate[$0] }.sorted { lum[$0] > lum[$1] }
        guard let brightest = seeds.first else { return (whole, [Bool](repeating: false, count: n)) }
        var label = [Int32](repeating: 0, count: n)
        var best: (label: Int32, size: Int) = (0, 0)
        var next: Int32 = 0
        var stack: [Int] = []
        for seed in seeds where label[seed] == 0 {
            if lum[seed] < lum[brightest] - 0.3 || next >= 24 { break }
            next += 1
            label[seed] = next
            let size = grow(from: seed, width: w, height: h, stack: &stack) { p, q in
                guard label[q] == 0 && candidate[q] && smoothStep(smooth, p, q) else { return false }
                label[q] = next
                return true
            }
            if size > best.size { best = (next, size) }
            if Double(best.size) > 0.5 * Double(n) { break }
        }
        let paper = label.map { $0 == best.label && best.label != 0 }
        if Double(best.size) >= minimumPaper * Double(n),
            let sheet = quadrilateral(fillHoles(paper, width: w, height: h), width: w, height: h)
        {
            return (sheet, paper)
        }
        // Little paper showing: perhaps a sheet painted all over, or all but a border, on a table. The table
        // is the smooth surface that the photo's border mostly shows; the sheet is what it surrounds.
        if let object = surrounded(smooth, width: w, height: h),
            let sheet = quadrilateral(object, width: w, height: h)
        {
            return (sheet, paper)
        }
        return (whole, paper)
    }

    /// The region's quadrilateral, when the region is large enough and fills it.
    static func quadrilateral(_ filled: [Bool], width w: Int, height h: Int) -> Sheet? {
        let n = w * h
        let area = filled.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard Double(area) >= minimumShare * Double(n) else { return nil }
        var tl = (s: Int.max, p: 0), br = (s: Int.min, p: 0), tr = (s: Int.min, p: 0), bl = (s: Int.max, p: 0)
        for i in 0..<n where filled[i] {
            let x = i % w, y = i / w
            if x + y < tl.s { tl = (x + y, i) }
            if x + y > br.s { br = (x + y, i) }
            if x - y > tr.s { tr = (x - y, i) }
            if x - y < bl.s { bl = (x - y, i) }
        }
        // Pixel centres to pixel corners: the outermost pixel's outer corner.
        func point(_ i: Int, _ dx: Double, _ dy: Double) -> Sheet.Point {
            .init(x: Double(i % w) + dx, y: Double(i / w) + dy)
        }
        let corners = [point(tl.p, 0, 0), point(tr.p, 1, 0), point(br.p, 1, 1), point(bl.p, 0, 1)]
        let quadArea = polygonArea(corners)
        guard quadArea > 0, Double(area) / quadArea >= minimumSolidity else { return nil }
        return Sheet(found: true, corners: corners, share: min(1, quadArea / Double(n)))
    }

    /// The pixels a smooth surface around the photo's border encloses (holes filled), or nil when the border
    /// is not mostly one smooth surface: a painting photographed edge to edge has no table around it.
    static func surrounded(_ smooth: [Float], width w: Int, height h: Int) -> [Bool]? {
        let n = w * h
        var ring: [Int] = []
        for x in 0..<w { ring += [x, (h - 1) * w + x] }
        for y in 1..<(h - 1) { ring += [y * w, y * w + w - 1] }
        func channelMedian(_ ch: Int) -> Float {
            let v = ring.map { smooth[3 * $0 + ch] }.sorted()
            return v[v.count / 2]
        }
        let median = (channelMedian(0), channelMedian(1), channelMedian(2))
        func near(_ i: Int) -> Bool {
            max(
                abs(smooth[3 * i] - median.0), max(abs(smooth[3 * i + 1] - median.1), abs(smooth[3 * i + 2] - median.2))
            )
                < 0.15
        }
        var table = [Bool](repeating: false, count: n)
        var stack = ring.filter(near)
        for i in stack { table[i] = true }
        while let p = stack.popLast() {
            forEachNeighbour(p, width: w, height: h) { q in
                if !table[q] && near(q) && smoothStep(smooth, p, q) {
                    table[q] = true
                    stack.append(q)
                }
            }
        }
        let onRing = ring.reduce(0) { $0 + (table[$1] ? 1 : 0) }
        guard Double(onRing) >= 0.9 * Double(ring.count) else { return nil }
        return fillHoles(table.map { !$0 }, width: w, height: h)
    }

    /// Calls `body` with each 4-connected neighbour of pixel `p`.
    @inline(__always)
    static func forEachNeighbour(_ p: Int, width w: Int, height h: Int, _ body: (Int) -> Void) {
        let x = p % w
        if x > 0 { body(p - 1) }
        if x < w - 1 { body(p + 1) }
        if p >= w { body(p - w) }
        if p < w * (h - 1) { body(p + w) }
    }

    /// Grows a 4-connected region from `start`, which the caller has already marked as taken: `join(p, q)` says
    /// whether neighbour `q` of member `p` joins, and marks it taken when it does. Returns the region's size.
    /// `stack` is scratch space, reused across calls. The sheet finder, the texture's shape count and the content's
    /// subject each grow regions this way.
    @inline(__always)
    static func grow(from start: Int, width w: Int, height h: Int, stack: inout [Int], join: (Int, Int) -> Bool)
        -> Int
    {
        stack.append(start)
        var size = 0
        while let p = stack.popLast() {
            size += 1
            forEachNeighbour(p, width: w, height: h) { q in if join(p, q) { stack.append(q) } }
        }
        return size
    }

    /// Whether neighbours `p` and `q` differ by less than ``step`` in every channel.
    @inline(__always)
    static func smoothStep(_ smooth: [Float], _ p: Int, _ q: Int) -> Bool {
        abs(smooth[3 * p] - smooth[3 * q]) < step && abs(smooth[3 * p + 1] - smooth[3 * q + 1]) < step
            && abs(smooth[3 * p + 2] - smooth[3 * q + 2]) < step
    }

    /// A 3×3 box blur of RGB bytes into floats in 0...1 (edges clamp).
    static func boxBlur(_ rgb: [UInt8], width w: Int, height h: Int) -> [Float] {
        var out = [Float](repeating: 0, count: w * h * 3)
        rgb.withUnsafeBufferPointer { p in
            for y in 0..<h {
                let y0 = max(0, y - 1), y1 = min(h - 1, y + 1)
                for x in 0..<w {
                    let x0 = max(0, x - 1), x1 = min(w - 1, x + 1)
                    var r = 0, g = 0, b = 0
                    for yy in y0...y1 {
                        for xx in x0...x1 {
                            let j = 3 * (yy * w + xx)
                            r += Int(p[j])
                            g += Int(p[j + 1])
                            b += Int(p[j + 2])
                        }
                    }
                    let c = Float((y1 - y0 + 1) * (x1 - x0 + 1)) * 255
                    let i = 3 * (y * w + x)
                    out[i] = Float(r) / c
                    out[i + 1] = Float(g) / c
                    out[i + 2] = Float(b) / c
                }
            }
        }
        return out
    }

    /// The region with its holes filled: every pixel not reachable from the border outside the region joins it.
    static func fillHoles(_ region: [Bool], width w: Int, height h: Int) -> [Bool] {
        var outside = [Bool](repeating: false, count: w * h)
        var stack: [Int] = []
        func push(_ i: Int) {
            if !region[i] && !outside[i] {
                outside[i] = true
                stack.append(i)
            }
        }
        for x in 0..<w {
            push(x)
            push((h - 1) * w + x)
        }
        for y in 0..<h {
            push(y * w)
            push(y * w + w - 1)
        }
        while let p = stack.popLast() {
            let x = p % w, y = p / w
            if x > 0 { push(p - 1) }
            if x < w - 1 { push(p + 1) }
            if y > 0 { push(p - w) }
            if y < h - 1 { push(p + w) }
        }
        return outside.map { !$0 }
    }

    /// The area of a simple polygon (shoelace formula).
    static func polygonArea(_ p: [Sheet.Point]) -> Double {
        var s = 0.0
        for i in p.indices {
            let a = p[i], b = p[(i + 1) % p.count]
            s += a.x * b.y - b.x * a.y
        }
        return abs(s) / 2
    }
}
