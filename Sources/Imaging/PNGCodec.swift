import CImageShims

/// PNG decoding through the C shim (libpng's simplified API: every colour type and depth, alpha over white).
enum PNGCodec {
    /// Reads the header (chunk walk plus libpng's own header check); refuses images over `limit` pixels.
    static func header(_ bytes: UnsafeRawBufferPointer, limit: Int) throws -> PNGChunks {
        let chunks = try PNGChunks(bytes)
        guard chunks.width * chunks.height <= limit else {
            throw ImagingError.tooLarge(width: chunks.width, height: chunks.height, limit: limit)
        }
        if chunks.truncated { throw ImagingError.truncated }
        var info = easel_png_info()
        let status = easel_png_read_info(
            bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, Int64(limit), &info)
        guard status == ShimStatus.ok else {
            throw ShimStatus.error(
                status, message: ShimStatus.string(info.message), width: chunks.width, height: chunks.height,
                limit: limit)
        }
        return chunks
    }

    /// Decodes to RGB in stored orientation.
    static func decode(_ bytes: UnsafeRawBufferPointer, limit: Int) throws -> (image: RGBImage, orientation: Int) {
        let chunks = try header(bytes, limit: limit)
        let count = chunks.width * chunks.height * 3
        var info = easel_png_info()
        var status = ShimStatus.ok
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            status = easel_png_decode(
                bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, Int64(limit), buffer.baseAddress,
                count, &info)
            initialized = status == ShimStatus.ok ? count : 0
        }
        guard status == ShimStatus.ok else {
            throw ShimStatus.error(
                status, message: ShimStatus.string(info.message), width: chunks.width, height: chunks.height,
                limit: limit)
        }
        return (RGBImage(width: chunks.width, height: chunks.height, pixels: pixels), chunks.orientation)
    }
}
