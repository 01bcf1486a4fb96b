/// What the terminal said about itself (and what the environment hints).
public struct TerminalCapabilities: Sendable, Hashable {
    /// The DA1 reply listed attribute 4 (sixel graphics).
    public var sixel: Bool
    /// The largest sixel image the terminal draws (XTSMGRAPHICS), when it said.
    public var maxSixelSize: PixelSize?
    /// The number of sixel colour registers (XTSMGRAPHICS), when it said.
    public var colorRegisters: Int?
    /// The size of one character cell in pixels, from TIOCGWINSZ or `CSI 16 t`.
    public var cellSize: PixelSize?
    /// 24-bit colour is announced (`COLORTERM=truecolor` or `24bit`).
    public var trueColor: Bool
    /// The raw DA1 attributes, for diagnostics.
    public var deviceAttributes: [Int]

    /// Creates capabilities.
    public init(
        sixel: Bool = false, maxSixelSize: PixelSize? = nil, colorRegisters: Int? = nil,
        cellSize: PixelSize? = nil, trueColor: Bool = false, deviceAttributes: [Int] = []
    ) {
        self.sixel = sixel
        self.maxSixelSize = maxSixelSize
        self.colorRegisters = colorRegisters
        self.cellSize = cellSize
        self.trueColor = trueColor
        self.deviceAttributes = deviceAttributes
    }

    /// The cell size used when the terminal did not tell (Terminal.Gui's default).
    public static let fallbackCellSize = PixelSize(width: 10, height: 20)

    /// True when the environment announces 24-bit colour.
    public static func announcesTrueColor(_ environment: [String: String]) -> Bool {
        let value = (environment["COLORTERM"] ?? "").lowercased()
        return value == "truecolor" || value == "24bit"
    }
}
