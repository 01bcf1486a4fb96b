import CImageShims
import Foundation

/// Writes `RGBImage`s as JPEG (libjpeg), with no metadata beyond the JFIF header.
public enum JPEGEncoder {
    /// Encodes `image` as a baseline (or progressive) JPEG.
    /// - Parameters:
    ///   - quality: 1...100 (default 90).
    ///   - progressive: write a progressive scan script instead of a baseline one.
    public static func encode(_ image: RGBImage, quality: Int = 90, progressive: Bool = false) throws -> Data {
        try encode(
            pixels: image.pixels, width: image.width, height: image.height, color: .rgb, quality: quality,
            progressive: progressive)
    }

    /// The pixel layouts the encoder accepts.
    enum Color {
        case gray, rgb, cmyk, ycck

        var shimValue: Int32 {
            switch self {
            case .gray: return Int32(EASEL_JPEG_GRAY.rawValue)
            case .rgb: return Int32(EASEL_JPEG_RGB.rawValue)
            case .cmyk: return Int32(EASEL_JPEG_CMYK.rawValue)
            case .ycck: return Int32(EASEL_JPEG_YCCK.rawValue)
            }
        }
    }

    /// Encodes raw pixels (1 byte per pixel for grey, 3 for RGB, 4 for CMYK/YCCK input as CMYK) with an
    /// optional EXIF TIFF payload written as APP1. Used by tests to make every kind of JPEG.
    static func encode(
        pixels: [UInt8], width: Int, height: Int, color: Color, quality: Int = 90, progressive: Bool = false,
        exifTIFF: [UInt8]? = nil
    ) throws -> Data {
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: 200)
        let exif = exifTIFF.map { EXIFReader.exifHeader + $0 } ?? []
        let status = pixels.withUnsafeBufferPointer { pixels in
            exif.withUnsafeBufferPointer { exif in
                easel_jpeg_encode(
                    pixels.baseAddress, Int32(width), Int32(height), color.shimValue, Int32(max(1, min(100, quality))),
                    progressive ? 1 : 0, exif.isEmpty ? nil : exif.baseAddress, exif.count, &output, &size, &message)
            }
        }
        defer { easel_free(output) }
        guard status == ShimStatus.ok, let output else {
            throw ImagingError.encodeFailed(ShimStatus.string(message))
        }
        return Data(bytes: output, count: size)
    }
}
