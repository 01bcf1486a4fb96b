import Foundation
import Imaging

/// Generated phone photos of artworks on a table, with their truth known by construction.
///
/// An artwork is drawn on a sheet of paper in the sheet's own coordinates (so the share of the sheet
/// covered by marks is counted exactly), then photographed: the sheet is placed on a table (a flat colour
/// or wood grain), rotated and foreshortened by a perspective tilt, lit by a shadow gradient, vignetting and
/// a warm cast, and given sensor noise. The truth is the sheet's corners in the photo and the marks' coverage.
enum PhonePhotos {
    /// One generated photo and its truth.
    struct Photo {
        var name: String
        var image: RGBImage
        /// The sheet's corners in the photo (top-left, top-right, bottom-right, bottom-left), in pixels.
        var corners: [(x: Double, y: Double)]
        /// The share of the sheet covered by marks, counted on the sheet before it was photographed.
        var coverage: Double
        /// Whether the artwork uses only black and greys.
        var monochrome: Bool
        /// What is drawn, in a student's words.
        var description: String
    }

    /// The kinds of artwork the generator draws.
    enum Kind: CaseIterable {
        case penDrawing, pencilSketch, crayonShapes, paintingWithBorder, fullPainting, sparseColour
    }

    /// The truth set: `count` photos, every kind in turn, each from its own seed.
    static func set(count: Int = 36) -> [Photo] {
        (0..<count).map { photo(seed: UInt64($0) + 1, kind: Kind.allCases[$0 % Kind.allCases.count]) }
    }

    typealias RGB = (r: Double, g: Double, b: Double)

    /// One photo.
    static func photo(seed: UInt64, kind: Kind) -> Photo {
        var rng = TestRNG(seed &* 7919)
        let portrait = rng.unit() < 0.4
        let sw = portrait ? 240 : 340, sh = portrait ? 340 : 240
        var sheet = [RGB](repeating: (0.97, 0.97, 0.95), count: sw * sh)
        var marked = [Bool](repeating: false, count: sw * sh)
        func paint(_ x: Int, _ y: Int, _ c: RGB) {
            guard x >= 0, y >= 0, x < sw, y < sh else { return }
            sheet[y * sw + x] = c
            marked[y * sw + x] = true
        }
        func disc(_ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double, _ c: RGB) {
            for y in max(0, Int(cy - ry))...min(sh - 1, Int(cy + ry)) {
                for x in max(0, Int(cx - rx))...min(sw - 1, Int(cx + rx)) {
                    let dx = (Double(x) - cx) / rx, dy = (Double(y) - cy) / ry
                    if dx * dx + dy * dy <= 1 { paint(x, y, c) }
                }
            }
        }
        func line(_ width: Double, _ c: RGB, steps: Int, margin: Double) {
            var x = margin + rng.unit() * (Double(sw) - 2 * margin), y = margin + rng.unit() * (Double(sh) - 2 * margin)
            var angle = rng.unit() * 2 * .pi
            for _ in 0..<steps {
                disc(x, y, width / 2, width / 2, c)
                angle += (rng.unit() - 0.5) * 0.5
                x += cos(angle) * width / 2
                y += sin(angle) * width / 2
                if x < margin || x > Double(sw) - margin { angle = .pi - angle }
                if y < margin || y > Double(sh) - margin { angle = -angle }
                x = min(Double(sw) - margin, max(margin, x))
                y = min(Double(sh) - margin, max(margin, y))
            }
        }
        func colour() -> RGB {
            let palette: [RGB] = [
                (0.85, 0.15, 0.12), (0.95, 0.75, 0.1), (0.15, 0.45, 0.8), (0.2, 0.65, 0.3), (0.95, 0.5, 0.1),
                (0.55, 0.25, 0.65), (0.4, 0.25, 0.15), (0.9, 0.45, 0.6),
            ]
            return palette[rng.int(0..<palette.count)]
        }
        let monochrome: Bool
        let description: String
        switch kind {
        case .penDrawing:
            for _ in 0..<(3 + rng.int(0..<6)) { line(3, (0.08, 0.08, 0.1), steps: 60 + rng.int(0..<120), margin: 20) }
            monochrome = true
            description = "a cat made of long lines"
        case .pencilSketch:
            for _ in 0..<(6 + rng.int(0..<10)) {
                line(2.5, (0.45, 0.45, 0.47), steps: 40 + rng.int(0..<80), margin: 25)
            }
            disc(Double(sw) / 2, Double(sh) / 2, 30, 40, (0.55, 0.55, 0.56))
            monochrome = true
            description = "my grandmother in pencil"
        case .crayonShapes:
            for _ in 0..<(4 + rng.int(0..<8)) {
                disc(
                    30 + rng.unit() * Double(sw - 60), 30 + rng.unit() * Double(sh - 60), 10 + rng.unit() * 40,
                    10 + rng.unit() * 40, colour())
            }
            line(4, (0.1, 0.1, 0.1), steps: 80, margin: 20)
            monochrome = false
            description = "balloons at a party"
        case .paintingWithBorder:
            let border = 20 + rng.int(0..<30)
            let sky = colour(), ground = colour()
            let horizon = sh / 3 + rng.int(0..<(sh / 3))
            for y in border..<(sh - border) {
                for x in border..<(sw - border) { paint(x, y, y < horizon ? sky : ground) }
            }
            for _ in 0..<(2 + rng.int(0..<4)) {
                disc(
                    Double(border) + rng.unit() * Double(sw - 2 * border), Double(horizon), 10 + rng.unit() * 30,
                    10 + rng.unit() * 30, colour())
            }
            monochrome = false
            description = "a field under the sky"
        case .fullPainting:
            let a = colour(), b = colour()
            for y in 0..<sh {
                for x in 0..<sw {
                    let t = Double(x + y) / Double(sw + sh)
                    paint(x, y, (a.r * (1 - t) + b.r * t, a.g * (1 - t) + b.g * t, a.b * (1 - t) + b.b * t))
                }
            }
            for _ in 0..<6 { disc(rng.unit() * Double(sw), rng.unit() * Double(sh), 25, 25, colour()) }
            monochrome = false
            description = "a sunset over the sea"
        case .sparseColour:
            for _ in 0..<(2 + rng.int(0..<3)) { line(4, colour(), steps: 30 + rng.int(0..<40), margin: 30) }
            disc(Double(sw) * (0.3 + 0.4 * rng.unit()), Double(sh) * 0.4, 18, 18, colour())
            monochrome = false
            description = "a small bird"
        }
        let coverage = Double(marked.reduce(0) { $0 + ($1 ? 1 : 0) }) / Double(sw * sh)

        // The scene: a 320×240 (or 240×320) photo of the sheet on a table.
        let pw = portrait ? 240 : 320, ph = portrait ? 320 : 240
        let tables: [RGB] = [
            (0.55, 0.36, 0.2), (0.42, 0.27, 0.15), (0.2, 0.35, 0.55), (0.25, 0.45, 0.3), (0.3, 0.3, 0.32),
            (0.6, 0.2, 0.2), (0.7, 0.55, 0.35),
        ]
        let table = tables[rng.int(0..<tables.count)]
        let wood = rng.unit() < 0.5
        let fill = 0.35 + 0.35 * rng.unit()  // share of the photo's area the sheet takes before tilt
        let aspect = Double(sw) / Double(sh)
        let hh = (fill * Double(pw * ph) / aspect).squareRoot() / 2, hw = hh * aspect
        let angle = (rng.unit() - 0.5) * 0.4  // up to ±11°
        let tilt = 0.82 + 0.18 * rng.unit()  // the far (top) edge foreshortened
        let cx = Double(pw) / 2 + (rng.unit() - 0.5) * 0.15 * Double(pw)
        let cy = Double(ph) / 2 + (rng.unit() - 0.5) * 0.15 * Double(ph)
        let local: [(Double, Double)] = [(-hw * tilt, -hh), (hw * tilt, -hh), (hw, hh), (-hw, hh)]
        let corners = local.map { (x, y) in
            (x: cx + x * cos(angle) - y * sin(angle), y: cy + x * sin(angle) + y * cos(angle))
        }
        let toSheet = inverse(squareTo: corners)
        let shadowDirection = rng.unit() * 2 * .pi
        let shadow = 0.6 + 0.3 * rng.unit()  // the darkest corner's light
        let vignette = 0.35 * rng.unit()
        let cast: RGB = (1, 0.97 - 0.04 * rng.unit(), 0.9 - 0.08 * rng.unit())
        var image = RGBImage(width: pw, height: ph)
        let diagonal = (Double(pw * pw + ph * ph)).squareRoot() / 2
        for y in 0..<ph {
            for x in 0..<pw {
                let px = Double(x) + 0.5, py = Double(y) + 0.5
                var c = table
                if wood {
                    let grain = 0.08 * sin(py * 0.35 + 3 * sin(px * 0.02)) + 0.04 * sin(py * 1.7)
                    c = (c.r * (1 + grain), c.g * (1 + grain), c.b * (1 + grain))
                }
                let (u, v) = toSheet(px, py)
                if u >= 0, u < 1, v >= 0, v < 1 {
                    c = sheet[min(sh - 1, Int(v * Double(sh))) * sw + min(sw - 1, Int(u * Double(sw)))]
                }
                let dx = px - Double(pw) / 2, dy = py - Double(ph) / 2
                let along = (dx * cos(shadowDirection) + dy * sin(shadowDirection)) / diagonal  // −1...1
                let light =
                    (1 - (1 - shadow) * (along + 1) / 2) * (1 - vignette * (dx * dx + dy * dy) / (diagonal * diagonal))
                let noise = (rng.unit() - 0.5) * 0.03
                func byte(_ v: Double) -> UInt8 { UInt8(min(255, max(0, (v * light + noise) * 255)).rounded()) }
                image[x, y] = (byte(c.r * cast.r), byte(c.g * cast.g), byte(c.b * cast.b))
            }
        }
        return Photo(
            name: "generated-\(seed)-\(kind)", image: image, corners: corners, coverage: coverage,
            monochrome: monochrome, description: description)
    }

    /// The map from photo pixels to the unit square of the sheet: the inverse of the square-to-quad homography.
    static func inverse(squareTo q: [(x: Double, y: Double)]) -> (Double, Double) -> (Double, Double) {
        let (x0, y0, x1, y1, x2, y2, x3, y3) = (q[0].x, q[0].y, q[1].x, q[1].y, q[2].x, q[2].y, q[3].x, q[3].y)
        let dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3
        let dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3
        let det = dx1 * dy2 - dx2 * dy1
        let g = (dx3 * dy2 - dx2 * dy3) / det, h = (dx1 * dy3 - dx3 * dy1) / det
        let a = x1 - x0 + g * x1, b = x3 - x0 + h * x3, c = x0
        let d = y1 - y0 + g * y1, e = y3 - y0 + h * y3, f = y0
        // Inverse of [[a b c] [d e f] [g h 1]] by its adjugate.
        let A = e - f * h, B = c * h - b, C = b * f - c * e
        let D = f * g - d, E = a - c * g, F = c * d - a * f
        let G = d * h - e * g, H = b * g - a * h, I = a * e - b * d
        return { x, y in
            let z = G * x + H * y + I
            return ((A * x + B * y + C) / z, (D * x + E * y + F) / z)
        }
    }
}
