import CSixel
import Imaging

/// Decodes sixel bytes back to RGB with libsixel's own decoder (used to check what the terminal will draw).
public enum SixelDecoder {
    /// Decodes one DCS sixel sequence into an RGB image.
    /// - Throws: ``TerminalGraphicsError/sixel(_:)`` when libsixel cannot read the bytes.
    public static func decode(_ bytes: [UInt8]) throws -> RGBImage {
        var input = bytes
        var indexed: UnsafeMutablePointer<UInt8>?
        var palette: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0
        var height: Int32 = 0
        var colors: Int32 = 0
        var allocator: OpaquePointer?
        try SixelEncoder.check(sixel_allocator_new(&allocator, nil, nil, nil, nil))
        defer { sixel_allocator_unref(allocator) }
        try input.withUnsafeMutableBufferPointer { buffer in
            try SixelEncoder.check(
                sixel_decode_raw(
                    buffer.baseAddress, Int32(buffer.count), &indexed, &width, &height, &palette, &colors, allocator))
        }
        defer {
            sixel_allocator_free(allocator, indexed)
            sixel_allocator_free(allocator, palette)
        }
        guard let indexed, let palette, width > 0, height > 0 else { throw TerminalGraphicsError.emptyImage }
        let count = Int(width) * Int(height)
        var pixels = [UInt8](repeating: 0, count: count * 3)
        for i in 0..<count {
            let entry = Int(indexed[i]) * 3
            pixels[i * 3] = palette[entry]
            pixels[i * 3 + 1] = palette[entry + 1]
            pixels[i * 3 + 2] = palette[entry + 2]
        }
        return RGBImage(width: Int(width), height: Int(height), pixels: pixels)
    }
}
