/// Qwen2-VL's image preprocessing (HF `Qwen2VLImageProcessorPil`): `smart_resize` to multiples of
/// patch × merge (28) within the pixel bounds, Pillow-equivalent bicubic resampling, scaling to [0, 1], per-channel
/// normalisation, and patches in 2×2-merge-block order. The temporal axis of the patch kernel is folded into the
/// tower's weights, so a patch holds one frame (3 × 14 × 14 values).
public struct ImagePreprocessor: Sendable {
    /// HF's lower bound: 56 × 56 pixels (4 merged tokens).
    public static let defaultMinPixels = 56 * 56
    /// Easel's upper bound, chosen for a 2-core laptop: 256 merged tokens (448 × 448 for a square image).
    public static let defaultMaxPixels = 256 * 28 * 28

    /// Side of one patch in pixels.
    public var patchSize: Int
    /// Patches merged per side.
    public var mergeSize: Int
    /// Fewest pixels of the resized image.
    public var minPixels: Int
    /// Most pixels of the resized image.
    public var maxPixels: Int
    /// Per-channel mean.
    public var mean: [Float]
    /// Per-channel standard deviation.
    public var std: [Float]

    /// A preprocessor; the defaults are Qwen2-VL's patch geometry and normalisation with Easel's pixel bounds.
    public init(
        patchSize: Int = 14, mergeSize: Int = 2, minPixels: Int = defaultMinPixels, maxPixels: Int = defaultMaxPixels,
        mean: [Float] = VisionConfig.clipMean, std: [Float] = VisionConfig.clipStd
    ) {
        self.patchSize = patchSize
        self.mergeSize = mergeSize
        self.minPixels = minPixels
        self.maxPixels = maxPixels
        self.mean = mean
        self.std = std
    }

    /// The side every resized dimension is a multiple of.
    public var factor: Int { patchSize * mergeSize }

    /// HF's `smart_resize`: the (height, width) the image is resized to. Python's `round` rounds half to even.
    public func targetSize(height: Int, width: Int) throws(QwenVLError) -> (height: Int, width: Int) {
        guard height > 0, width > 0 else { throw .badImage("the image is empty (\(width)×\(height))") }
        guard Double(max(height, width)) / Double(min(height, width)) <= 200 else {
            throw .badImage("the image's aspect ratio \(width)×\(height) is above 200; crop it")
        }
        guard minPixels > 0, maxPixels >= factor * factor, minPixels <= maxPixels else {
            throw .badOption("the pixel bounds \(minPixels)...\(maxPixels) are invalid (max ≥ \(factor * factor))")
        }
        let f = Double(factor)
        let h = Double(height)
        let w = Double(width)
        var hb = Int((h / f).rounded(.toNearestOrEven)) * factor
        var wb = Int((w / f).rounded(.toNearestOrEven)) * factor
        if hb * wb > maxPixels {
            let beta = (h * w / Double(maxPixels)).squareRoot()
            hb = max(factor, Int((h / beta / f).rounded(.down)) * factor)
            wb = max(factor, Int((w / beta / f).rounded(.down)) * factor)
        } else if hb * wb < minPixels {
            let beta = (Double(minPixels) / (h * w)).squareRoot()
            hb = Int((h * beta / f).rounded(.up)) * factor
            wb = Int((w * beta / f).rounded(.up)) * factor
        }
        return (hb, wb)
    }

    /// Resizes an interleaved 8-bit RGB image to its target size (unchanged when it already has it).
    public func resized(rgb: [UInt8], width: Int, height: Int) throws(QwenVLError) -> (
        rgb: [UInt8], width: Int, height: Int
    ) {
        guard rgb.count == width * height * 3 else {
            throw .badImage("\(rgb.count) bytes are not a \(width)×\(height) RGB image")
        }
        let size = try targetSize(height: height, width: width)
        let pixels = BicubicResampler.resize(
            rgb, width: width, height: height, newWidth: size.width, newHeight: size.height)
        return (pixels, size.width, size.height)
    }

    /// The tower's input for an interleaved 8-bit RGB image: resized, normalised and cut into patches.
    public func patches(rgb: [UInt8], width: Int, height: Int) throws(QwenVLError) -> ImagePatches {
        let image = try resized(rgb: rgb, width: width, height: height)
        let p = patchSize
        let gh = image.height / p
        let gw = image.width / p
        let perPatch = 3 * p * p
        let scale = (0..<3).map { 1 / (255 * std[$0]) }
        let shift = (0..<3).map { -mean[$0] / std[$0] }
        var values = [Float](repeating: 0, count: gh * gw * perPatch)
        let shape = ImagePatches(gridHeight: gh, gridWidth: gw, patchValues: perPatch, values: [])
        for (index, place) in shape.positions.enumerated() {
            let base = index * perPatch
            for c in 0..<3 {
                for y in 0..<p {
                    let row = (place.row * p + y) * image.width
                    for x in 0..<p {
                        let byte = image.rgb[(row + place.column * p + x) * 3 + c]
                        values[base + (c * p + y) * p + x] = Float(byte) * scale[c] + shift[c]
                    }
                }
            }
        }
        return ImagePatches(gridHeight: gh, gridWidth: gw, patchValues: perPatch, values: values)
    }
}
