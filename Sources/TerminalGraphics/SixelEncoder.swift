import CSixel
import Imaging

/// Encodes RGB images as sixel escape sequences with libsixel (256 colours, Floyd–Steinberg dithering).
public enum SixelEncoder {
    /// Returns the complete DCS sequence (`ESC P q … ESC \`) for `image`, drawn at its own size.
    /// - Throws: ``TerminalGraphicsError/sixel(_:)`` when libsixel fails, ``TerminalGraphicsError/emptyImage``.
    public static func encode(_ image: RGBImage) throws -> [UInt8] {
        guard image.width > 0, image.height > 0 else { throw TerminalGraphicsError.emptyImage }
        let sink = SixelSink()
        var output: OpaquePointer?
        let callback: sixel_write_function = { data, size, priv in
            guard let data, let priv, size > 0 else { return 0 }
            let sink = Unmanaged<SixelSink>.fromOpaque(priv).takeUnretainedValue()
            data.withMemoryRebound(to: UInt8.self, capacity: Int(size)) {
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(size)))
            }
            return size
        }
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        try check(sixel_output_new(&output, callback, unmanaged.toOpaque(), nil))
        defer { sixel_output_unref(output) }

        var dither: OpaquePointer?
        try check(sixel_dither_new(&dither, 256, nil))
        defer { sixel_dither_unref(dither) }
        var pixels = image.pixels
        try pixels.withUnsafeMutableBufferPointer { buffer in
            try check(
                sixel_dither_initialize(
                    dither, buffer.baseAddress, Int32(image.width), Int32(image.height),
                    Int32(SIXEL_PIXELFORMAT_RGB888), Int32(SIXEL_LARGE_AUTO), Int32(SIXEL_REP_AUTO),
                    Int32(SIXEL_QUALITY_HIGH)))
            sixel_dither_set_diffusion_type(dither, Int32(SIXEL_DIFFUSE_FS))
            try check(sixel_encode(buffer.baseAddress, Int32(image.width), Int32(image.height), 3, dither, output))
        }
        return sink.bytes
    }

    static func check(_ status: SIXELSTATUS) throws {
        guard status & 0x1000 != 0 else { return }
        let message = sixel_helper_format_error(status).map { String(cString: $0) } ?? "status \(status)"
        throw TerminalGraphicsError.sixel(message)
    }
}

/// Collects libsixel's output; lives only for one encode call.
final class SixelSink {
    var bytes: [UInt8] = []
}
