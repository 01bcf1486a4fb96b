import Imaging

/// Places an image in the middle of a canvas of a fixed size, so that every image drawn in the
/// same box covers exactly the same pixels (no remnants of a previous, larger picture).
public enum Letterbox {
    /// Returns a `size` canvas filled with `background` and `image` centred on it; parts of `image`
    /// that do not fit are cropped evenly from both sides.
    public static func pad(_ image: RGBImage, to size: PixelSize, background: RGB) -> RGBImage {
        var canvas = RGBImage(width: size.width, height: size.height, fill: (background.r, background.g, background.b))
        let w = min(image.width, size.width)
        let h = min(image.height, size.height)
        guard w > 0, h > 0 else { return canvas }
        let dx = (size.width - w) / 2
        let dy = (size.height - h) / 2
        let sx = (image.width - w) / 2
        let sy = (image.height - h) / 2
        image.pixels.withUnsafeBufferPointer { src in
            canvas.pixels.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    let from = ((sy + y) * image.width + sx) * 3
                    let to = ((dy + y) * size.width + dx) * 3
                    for i in 0..<(w * 3) { dst[to + i] = src[from + i] }
                }
            }
        }
        return canvas
    }
}

/// An 8-bit RGB colour.
public struct RGB: Sendable, Hashable {
    /// Red.
    public var r: UInt8
    /// Green.
    public var g: UInt8
    /// Blue.
    public var b: UInt8

    /// Creates a colour.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// The nearest entry of the xterm 256-colour palette (the 6×6×6 cube or the grey ramp).
    public var xterm256Index: Int {
        func cube(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        let levels = [0, 95, 135, 175, 215, 255]
        let (cr, cg, cb) = (cube(r), cube(g), cube(b))
        let cubeColor = (levels[cr], levels[cg], levels[cb])
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyIndex = average > 238 ? 23 : max(0, (average - 3) / 10)
        let grey = 8 + greyIndex * 10
        func distance(_ c: (Int, Int, Int)) -> Int {
            let dr = c.0 - Int(r)
            let dg = c.1 - Int(g)
            let db = c.2 - Int(b)
            return dr * dr + dg * dg + db * db
        }
        return distance((grey, grey, grey)) < distance(cubeColor) ? 232 + greyIndex : 16 + 36 * cr + 6 * cg + cb
    }
}
