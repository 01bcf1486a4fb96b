import CSixel
import Imaging

/// Encodes RGB images as sixel escape sequences with libsixel (256 colours, Floyd–Steinberg dithering).
public enum SixelEncoder {
    /// Returns the complete DCS sequence (`ESC P q … ESC \`) for `image`, drawn at its own size.
    ///
    /// When `exact` is given, the palette entry nearest to it is set to exactly that colour, so that a flat
    /// letterbox of that colour is drawn without dithering noise.
    /// - Throws: ``TerminalGraphicsError/sixel(_:)`` when libsixel fails, ``TerminalGraphicsError/emptyImage``.
    public static func encode(_ image: RGBImage, exact: RGB? = nil) throws -> [UInt8] {
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
            if let exact { pin(exact, in: dither) }
            try check(sixel_encode(buffer.baseAddress, Int32(image.width), Int32(image.height), 3, dither, output))
        }
        return sink.bytes
    }

    /// Moves the palette entry nearest to `color` onto it.
    static func pin(_ color: RGB, in dither: OpaquePointer?) {
        let count = Int(sixel_dither_get_num_of_palette_colors(dither))
        guard count > 0, let palette = sixel_dither_get_palette(dither) else { return }
        var best = 0
        var bestDistance = Int.max
        for i in 0..<count {
            let d = [
                Int(palette[i * 3]) - Int(color.r), Int(palette[i * 3 + 1]) - Int(color.g),
                Int(palette[i * 3 + 2]) - Int(color.b),
            ].reduce(0) { $0 + $1 * $1 }
            if d < bestDistance {
                bestDistance = d
                best = i
            }
        }
        palette[best * 3] = color.r
        palette[best * 3 + 1] = color.g
        palette[best * 3 + 2] = color.b
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
