import Foundation
import Imaging
import QwenVL

/// The artwork's image as the request carries it: resized exactly as the local VLM resizes it (Qwen2-VL's
/// `smart_resize` to multiples of 28 within the pixel budget, Pillow-equivalent bicubic), so a server whose
/// processor allows at least that many pixels feeds the model the same pixels; then PNG-encoded (only IHDR, IDAT
/// and IEND: no EXIF, GPS, text or time) as a `data:` URL.
///
/// PNG, not JPEG: lossless, so the pixels are the local VLM's to the bit (the integration test checks them);
/// the Samples average about 0.4 MB of base64 per request at the default 200,704-pixel budget.
public struct ImagePayload: Sendable {
    /// The resized image.
    public let image: RGBImage
    /// The PNG file.
    public let png: Data

    /// Resizes and encodes `image` for a budget of `maxPixels`.
    public init(_ image: RGBImage, maxPixels: Int) throws {
        let preprocessor = ImagePreprocessor(maxPixels: maxPixels)
        let resized = try preprocessor.resized(rgb: image.pixels, width: image.width, height: image.height)
        self.image = RGBImage(width: resized.width, height: resized.height, pixels: resized.rgb)
        png = try PNGEncoder.encode(self.image)
    }

    /// `data:image/png;base64,…`.
    public var dataURL: String { "data:image/png;base64," + png.base64EncodedString() }
}
