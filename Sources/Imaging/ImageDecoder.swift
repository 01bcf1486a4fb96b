import Foundation

/// Decodes JPEG and PNG images, recognised by content, into upright `RGBImage`s.
///
/// Every entry point checks the pixel limit from the header before allocating pixel memory, applies the EXIF
/// orientation (JPEG APP1 or PNG eXIf), composites alpha over white, and reports problems as `ImagingError`.
public enum ImageDecoder {
    /// The format of `data` by its magic bytes, or nil when it is neither JPEG nor PNG.
    public static func format(of data: Data) -> ImageFormat? {
        ImageFormat.sniff(data)
    }

    /// Reads the header only (no pixel decode): format, upright size and EXIF orientation.
    /// - Parameter options: the pixel limit to enforce (default 100 MP).
    public static func info(of data: Data, options: DecodeOptions = .init()) throws -> ImageInfo {
        let format = try sniff(data)
        return try data.withUnsafeBytes { bytes in
            switch format {
            case .jpeg:
                let header = try JPEGCodec.header(bytes, limit: options.maxPixels)
                let size = Orientation.uprightSize(
                    width: header.width, height: header.height, orientation: header.orientation)
                return ImageInfo(
                    format: .jpeg, width: size.width, height: size.height, orientation: header.orientation)
            case .png:
                let chunks = try PNGCodec.header(bytes, limit: options.maxPixels)
                let size = Orientation.uprightSize(
                    width: chunks.width, height: chunks.height, orientation: chunks.orientation)
                return ImageInfo(format: .png, width: size.width, height: size.height, orientation: chunks.orientation)
            }
        }
    }

    /// Decodes the whole image at full size, upright, with alpha composited over white.
    public static func decode(_ data: Data, options: DecodeOptions = .init()) throws -> RGBImage {
        let format = try sniff(data)
        return try data.withUnsafeBytes { bytes in
            switch format {
            case .jpeg:
                let stored = try JPEGCodec.decode(bytes, limit: options.maxPixels)
                return Orientation.apply(EXIFReader.jpegOrientation(bytes), to: stored)
            case .png:
                let (stored, orientation) = try PNGCodec.decode(bytes, limit: options.maxPixels)
                return Orientation.apply(orientation, to: stored)
            }
        }
    }

    /// Decodes a preview that fits inside `maxWidth` × `maxHeight` (upright, aspect kept, never enlarged).
    ///
    /// JPEG is decoded through libjpeg's DCT scaling at the smallest of 1/8, 1/4, 1/2 or 1/1 that is still
    /// at least the target size, then area-averaged down to it, which is several times faster than a full
    /// decode. PNG is decoded in full and area-averaged. The result has the same size as
    /// `ImageResizer.downscale(decode(data), toFitWidth: maxWidth, height: maxHeight)`.
    public static func decodePreview(
        _ data: Data, maxWidth: Int, maxHeight: Int, options: DecodeOptions = .init()
    ) throws -> RGBImage {
        let format = try sniff(data)
        return try data.withUnsafeBytes { bytes in
            switch format {
            case .jpeg:
                let header = try JPEGCodec.header(bytes, limit: options.maxPixels)
                let swaps = Orientation.swapsAxes(header.orientation)
                // The target box in stored orientation.
                let target = ImageResizer.fittedSize(
                    width: header.width, height: header.height, maxWidth: swaps ? maxHeight : maxWidth,
                    maxHeight: swaps ? maxWidth : maxHeight)
                let denominator = JPEGCodec.scaleDenominator(
                    width: header.width, height: header.height, targetWidth: target.width,
                    targetHeight: target.height)
                let scaled = try JPEGCodec.decode(bytes, scaleDenominator: denominator, limit: options.maxPixels)
                let resized = ImageResizer.resize(scaled, width: target.width, height: target.height)
                return Orientation.apply(header.orientation, to: resized)
            case .png:
                let (stored, orientation) = try PNGCodec.decode(bytes, limit: options.maxPixels)
                let upright = Orientation.apply(orientation, to: stored)
                return ImageResizer.downscale(upright, toFitWidth: maxWidth, height: maxHeight)
            }
        }
    }

    /// Reads and decodes the file at `url`; every error names the file.
    public static func decode(contentsOf url: URL, options: DecodeOptions = .init()) throws -> RGBImage {
        try named(url) { try decode(try read(url), options: options) }
    }

    /// Reads the header of the file at `url`; every error names the file.
    public static func info(contentsOf url: URL, options: DecodeOptions = .init()) throws -> ImageInfo {
        try named(url) { try info(of: try read(url), options: options) }
    }

    /// Reads and decodes a preview of the file at `url`; every error names the file.
    public static func decodePreview(
        contentsOf url: URL, maxWidth: Int, maxHeight: Int, options: DecodeOptions = .init()
    ) throws -> RGBImage {
        try named(url) { try decodePreview(try read(url), maxWidth: maxWidth, maxHeight: maxHeight, options: options) }
    }

    /// The format, or the error for empty and unrecognised data.
    static func sniff(_ data: Data) throws -> ImageFormat {
        if data.isEmpty { throw ImagingError.empty }
        if let format = ImageFormat.sniff(data) { return format }
        throw ImageFormat.isTruncatedMagic(data) ? ImagingError.truncated : ImagingError.notAnImage
    }

    static func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)  // read, not mapped: a file cut short while mapped would crash
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            throw ImagingError.unreadable("no such file")
        } catch let error as CocoaError where error.code == .fileReadNoPermission {
            throw ImagingError.unreadable("permission denied")
        } catch {
            throw ImagingError.unreadable(error.localizedDescription)
        }
    }

    static func named<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ImagingError {
            throw ImagingError.file(url.path, error)
        }
    }
}
