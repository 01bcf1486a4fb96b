import Imaging

/// The scorer's working copy of an artwork: small, cut to the sheet of paper
/// when one is found (perspective corrected, lit evenly), with luminance and the
/// distance from the paper precomputed once for every measurement pass.
struct WorkingImage {
    /// The longest side the built-in scorer measures at.
    static let longestSide = 320

    let width: Int
    let height: Int
    /// RGB bytes, row-major.
    let rgb: [UInt8]
    /// Rec. 601 luminance in 0...1 per pixel.
    let luminance: [Float]
    /// The background colour: the paper's white when a sheet was found (after
    /// flat-fielding, pure white), else the per-channel median of the border ring.
    let background: (r: UInt8, g: UInt8, b: UInt8)
    /// The largest channel difference from the background, 0...1, per pixel.
    let inkDistance: [Float]
    /// Where the sheet was found in the downscaled photo.
    let sheet: Sheet

    /// The distance above which a pixel counts as a mark rather than background (about 30 of 255).
    static let inkThreshold: Float = 0.12

    var count: Int { width * height }

    init(_ source: RGBImage) {
        let photo =
            max(source.width, source.height) > Self.longestSide
            ? ImageResizer.downscale(source, toFitWidth: Self.longestSide, height: Self.longestSide) : source
        let (sheet, paper) = SheetFinder.find(rgb: photo.pixels, width: photo.width, height: photo.height)
        self.sheet = sheet
        let image: RGBImage
        let bg: (r: UInt8, g: UInt8, b: UInt8)
        if sheet.found {
            let flat = SheetRectifier.rectify(photo, sheet: sheet, paper: paper)
            image = flat
            bg = (255, 255, 255)
        } else {
            image = photo
            // Without a sheet, the border is the background only when it looks like paper; otherwise (a painting
            // photographed edge to edge) no paper shows and everything that is not white is paint.
            let border = Self.borderMedian(photo)
            let mx = max(border.r, max(border.g, border.b)), mn = min(border.r, min(border.g, border.b))
            let paperLike = Float(mx) > 0.55 * 255 && Float(mx - mn) < SheetFinder.paperSaturation * Float(mx)
            bg = paperLike ? border : (255, 255, 255)
        }
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

    /// The working copy as an image (for inspection and tests).
    var image: RGBImage { RGBImage(width: width, height: height, pixels: rgb) }

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
}
