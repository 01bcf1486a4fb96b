/// The replies a terminal sent to Easel's capability queries, parsed from raw bytes.
///
/// The queries are `CSI 16 t` (cell size), XTSMGRAPHICS `CSI ? 1;1;0 S` (colour registers) and
/// `CSI ? 2;4;0 S` (largest sixel geometry), and DA1 `CSI c`, which every terminal answers and
/// which is sent last so that its reply marks the end.
public struct ProbeReplies: Sendable, Hashable {
    /// The DA1 attributes (`CSI ? 63;1;2;4 c` gives 63, 1, 2, 4); nil until the DA1 reply arrived.
    public var deviceAttributes: [Int]?
    /// The cell size from `CSI 6;h;w t`.
    public var cellSize: PixelSize?
    /// The largest sixel image from `CSI ? 2;0;w;h S`.
    public var maxSixelSize: PixelSize?
    /// The number of colour registers from `CSI ? 1;0;n S`.
    public var colorRegisters: Int?

    /// Creates empty replies.
    public init() {}

    /// Parses every complete control sequence in `bytes`; other bytes are ignored.
    public init(parsing bytes: [UInt8]) {
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == 0x1B, bytes[i + 1] == UInt8(ascii: "[") else {
                i += 1
                continue
            }
            var j = i + 2
            var privateMarker: UInt8?
            if j < bytes.count, bytes[j] == UInt8(ascii: "?") || bytes[j] == UInt8(ascii: ">") {
                privateMarker = bytes[j]
                j += 1
            }
            var text = ""
            while j < bytes.count, (0x20...0x3F).contains(bytes[j]) {
                text.append(Character(Unicode.Scalar(bytes[j])))
                j += 1
            }
            guard j < bytes.count else { break }
            let final = bytes[j]
            let params = text.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
            record(final: final, privateMarker: privateMarker, params: params)
            i = j + 1
        }
    }

    private mutating func record(final: UInt8, privateMarker: UInt8?, params: [Int]) {
        switch (final, privateMarker) {
        case (UInt8(ascii: "c"), UInt8(ascii: "?")):
            deviceAttributes = params
        case (UInt8(ascii: "t"), nil) where params.count >= 3 && params[0] == 6:
            if params[1] > 0 && params[2] > 0 { cellSize = PixelSize(width: params[2], height: params[1]) }
        case (UInt8(ascii: "S"), UInt8(ascii: "?")) where params.count >= 3 && params[1] == 0:
            if params[0] == 2, params.count >= 4, params[2] > 0, params[3] > 0 {
                maxSixelSize = PixelSize(width: params[2], height: params[3])
            } else if params[0] == 1, params[2] > 0 {
                colorRegisters = params[2]
            }
        default:
            break
        }
    }

    /// True when attribute 4 (sixel graphics) is in the DA1 reply.
    public var sixel: Bool { deviceAttributes?.dropFirst().contains(4) ?? false }

    /// True once the DA1 reply has been seen.
    public var isComplete: Bool { deviceAttributes != nil }

    /// The query bytes, DA1 last.
    public static let query: [UInt8] = Array("\u{1B}[16t\u{1B}[?1;1;0S\u{1B}[?2;4;0S\u{1B}[c".utf8)
}
