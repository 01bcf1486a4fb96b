/// The eight EXIF orientations and how to turn a stored image upright.
///
/// For upright pixel (x, y) the stored pixel index is `origin + x * stepX + y * stepY` (in pixels), which
/// covers all eight cases, from the identity (1) to the rotations (3, 6, 8) and mirrors (2, 4, 5, 7).
enum Orientation {
    /// True when the orientation swaps width and height (5, 6, 7, 8).
    static func swapsAxes(_ orientation: Int) -> Bool { (5...8).contains(orientation) }

    /// The upright size of a stored `width` × `height` image.
    static func uprightSize(width: Int, height: Int, orientation: Int) -> (width: Int, height: Int) {
        swapsAxes(orientation) ? (height, width) : (width, height)
    }

    /// Applies EXIF `orientation` (1...8; anything else is treated as 1) to a stored image.
    static func apply(_ orientation: Int, to image: RGBImage) -> RGBImage {
        guard (2...8).contains(orientation) else { return image }
        let w = image.width
        let h = image.height
        let (origin, stepX, stepY): (Int, Int, Int)
        switch orientation {
        case 2: (origin, stepX, stepY) = (w - 1, -1, w)
        case 3: (origin, stepX, stepY) = ((h - 1) * w + w - 1, -1, -w)
        case 4: (origin, stepX, stepY) = ((h - 1) * w, 1, -w)
        case 5: (origin, stepX, stepY) = (0, w, 1)
        case 6: (origin, stepX, stepY) = ((h - 1) * w, -w, 1)
        case 7: (origin, stepX, stepY) = ((h - 1) * w + w - 1, -w, -1)
        default: (origin, stepX, stepY) = (w - 1, w, -1)
        }
        let (outWidth, outHeight) = uprightSize(width: w, height: h, orientation: orientation)
        let count = w * h * 3
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            image.pixels.withUnsafeBufferPointer { source in
                guard let src = source.baseAddress, let dst = out.baseAddress else { return }
                // Tiles keep the reads of the 90° cases within a few cache lines.
                let tile = 32
                let stepXBytes = stepX * 3
                for tileY in stride(from: 0, to: outHeight, by: tile) {
                    for tileX in stride(from: 0, to: outWidth, by: tile) {
                        let endX = min(tileX + tile, outWidth)
                        for y in tileY..<min(tileY + tile, outHeight) {
                            var s = (origin + tileX * stepX + y * stepY) * 3
                            var d = (y * outWidth + tileX) * 3
                            for _ in tileX..<endX {
                                dst[d] = src[s]
                                dst[d + 1] = src[s + 1]
                                dst[d + 2] = src[s + 2]
                                s += stepXBytes
                                d += 3
                            }
                        }
                    }
                }
            }
            initialized = count
        }
        return RGBImage(width: outWidth, height: outHeight, pixels: pixels)
    }
}
