import CImageShims
import Foundation

/// Writes `RGBImage`s as 8-bit RGB PNG files that hold only IHDR, IDAT and IEND: no EXIF, no text, no time.
public enum PNGEncoder {
    /// Encodes `image` as PNG.
    /// - Parameter compressionLevel: zlib level 0 (fastest, largest) to 9 (slowest, smallest). The default 3 is
    ///   about 3× faster than zlib's usual 6 on photos for files about 7% larger.
    public static func encode(_ image: RGBImage, compressionLevel: Int = 3) throws -> Data {
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: 200)
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            easel_png_encode(
                pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(compressionLevel), &output, &size,
                &message)
        }
        defer { easel_free(output) }
        guard status == ShimStatus.ok, let output else {
            throw ImagingError.encodeFailed(ShimStatus.string(message))
        }
        return Data(bytes: output, count: size)
    }
}
