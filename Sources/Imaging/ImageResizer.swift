/// Resampling of `RGBImage`s: area averaging when shrinking (every source pixel counts by the area it covers),
/// bilinear interpolation when enlarging. Both axes are handled separately.
public enum ImageResizer {
    /// Shrinks `image` to fit inside `toFitWidth` × `height`, keeping its aspect ratio, by area averaging.
    /// An image that already fits is returned unchanged (never upscales). Sizes below 1 count as 1.
    public static func downscale(_ image: RGBImage, toFitWidth maxWidth: Int, height maxHeight: Int) -> RGBImage {
        let size = fittedSize(width: image.width, height: image.height, maxWidth: maxWidth, maxHeight: maxHeight)
        if size.width == image.width && size.height == image.height { return image }
        return resize(image, width: size.width, height: size.height)
    }

    /// Resamples `image` to exactly `width` × `height` (area average along an axis that shrinks, bilinear along
    /// one that grows). Sizes below 1 count as 1.
    public static func resize(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        let width = max(1, width)
        let height = max(1, height)
        if width == image.width && height == image.height { return image }
        if image.width == 0 || image.height == 0 { return RGBImage(width: width, height: height) }
        let columns = ResampleWeights(source: image.width, destination: width)
        let rows = ResampleWeights(source: image.height, destination: height)
        // Horizontal pass into floats (width × source height), then vertical pass into bytes.
        var middle = [Float](repeating: 0, count: width * image.height * 3)
        image.pixels.withUnsafeBufferPointer { src in
            middle.withUnsafeMutableBufferPointer { mid in
                for y in 0..<image.height {
                    let srcRow = y * image.width * 3
                    let midRow = y * width * 3
                    for x in 0..<width {
                        var r: Float = 0
                        var g: Float = 0
                        var b: Float = 0
                        let first = columns.first[x]
                        let base = x * columns.stride
                        for k in 0..<columns.count[x] {
                            let weight = columns.weights[base + k]
                            let s = srcRow + (first + k) * 3
                            r += weight * Float(src[s])
                            g += weight * Float(src[s + 1])
                            b += weight * Float(src[s + 2])
                        }
                        mid[midRow + x * 3] = r
                        mid[midRow + x * 3 + 1] = g
                        mid[midRow + x * 3 + 2] = b
                    }
                }
            }
        }
        let count = width * height * 3
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            middle.withUnsafeBufferPointer { mid in
                let rowLength = width * 3
                var sums = [Float](repeating: 0, count: rowLength)
                sums.withUnsafeMutableBufferPointer { sum in
                    for y in 0..<height {
                        for i in 0..<rowLength { sum[i] = 0 }
                        let first = rows.first[y]
                        let base = y * rows.stride
                        for k in 0..<rows.count[y] {
                            let weight = rows.weights[base + k]
                            let midRow = (first + k) * rowLength
                            for i in 0..<rowLength { sum[i] += weight * mid[midRow + i] }
                        }
                        let outRow = y * rowLength
                        for i in 0..<rowLength { out[outRow + i] = UInt8(max(0, min(255, sum[i] + 0.5))) }
                    }
                }
            }
            initialized = count
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// The size of `width` × `height` scaled to fit inside `maxWidth` × `maxHeight` (never enlarged, at least 1×1).
    static func fittedSize(width: Int, height: Int, maxWidth: Int, maxHeight: Int) -> (width: Int, height: Int) {
        let maxWidth = max(1, maxWidth)
        let maxHeight = max(1, maxHeight)
        guard width > maxWidth || height > maxHeight else { return (width, height) }
        let scale = min(Double(maxWidth) / Double(width), Double(maxHeight) / Double(height))
        let fittedWidth = min(maxWidth, max(1, Int((Double(width) * scale).rounded())))
        let fittedHeight = min(maxHeight, max(1, Int((Double(height) * scale).rounded())))
        return (fittedWidth, fittedHeight)
    }
}
