import CImageShims

/// JPEG decoding through the C shim (libjpeg with a setjmp error manager).
enum JPEGCodec {
    /// A JPEG header: stored size (before orientation), output size at one DCT scale, orientation.
    struct Header {
        var width: Int
        var height: Int
        var outputWidth: Int
        var outputHeight: Int
        var orientation: Int
    }

    /// Reads the header only; refuses images over `limit` pixels.
    static func header(_ bytes: UnsafeRawBufferPointer, scaleDenominator: Int = 1, limit: Int) throws -> Header {
        var info = easel_jpeg_info()
        let status = easel_jpeg_read_info(
            bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, Int32(scaleDenominator),
            Int64(limit), &info)
        guard status == ShimStatus.ok else {
            throw ShimStatus.error(
                status, message: ShimStatus.string(info.message), width: Int(info.image_width),
                height: Int(info.image_height), limit: limit)
        }
        return Header(
            width: Int(info.image_width), height: Int(info.image_height), outputWidth: Int(info.output_width),
            outputHeight: Int(info.output_height), orientation: EXIFReader.jpegOrientation(bytes))
    }

    /// Decodes at 1/`scaleDenominator` (1, 2, 4 or 8) to RGB in stored orientation.
    static func decode(_ bytes: UnsafeRawBufferPointer, scaleDenominator: Int = 1, limit: Int) throws -> RGBImage {
        let header = try header(bytes, scaleDenominator: scaleDenominator, limit: limit)
        let count = header.outputWidth * header.outputHeight * 3
        var info = easel_jpeg_info()
        var status = ShimStatus.ok
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            status = easel_jpeg_decode(
                bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, Int32(scaleDenominator),
                Int64(limit), buffer.baseAddress, count, &info)
            initialized = status == ShimStatus.ok ? count : 0
        }
        guard status == ShimStatus.ok else {
            throw ShimStatus.error(
                status, message: ShimStatus.string(info.message), width: header.width, height: header.height,
                limit: limit)
        }
        return RGBImage(width: header.outputWidth, height: header.outputHeight, pixels: pixels)
    }

    /// The largest DCT scale denominator (8, 4, 2 or 1) whose output is still at least `target` in both axes.
    static func scaleDenominator(width: Int, height: Int, targetWidth: Int, targetHeight: Int) -> Int {
        for denominator in [8, 4, 2] {
            let scaledWidth = (width + denominator - 1) / denominator
            let scaledHeight = (height + denominator - 1) / denominator
            if scaledWidth >= targetWidth && scaledHeight >= targetHeight { return denominator }
        }
        return 1
    }
}
