import Imaging

/// An artwork ready to write into a box of character cells: sixel data or half-block lines.
///
/// Curses never draws into the box; after each screen update the backend writes
/// ``placement(row:column:)`` straight to the terminal. The sequence saves the cursor (`ESC 7`),
/// moves to the box (`CUP`), draws, and restores the cursor (`ESC 8`), so that curses' idea of the
/// cursor stays right.
public struct TerminalImage: Sendable, Hashable {
    /// How the picture is drawn.
    public let mode: GraphicsMode
    /// The box it fills, in cells (columns × rows).
    public let cells: PixelSize
    /// The drawn size in pixels (sixel) or half-block pixels (two per cell vertically).
    public let pixels: PixelSize
    let sixel: [UInt8]
    let lines: [[UInt8]]

    /// The number of bytes this picture sends to the terminal.
    public var byteCount: Int { sixel.count + lines.reduce(0) { $0 + $1.count } }

    /// The raw sixel sequence (empty for half blocks).
    public var sixelBytes: [UInt8] { sixel }

    /// The half-block lines (empty for sixel).
    public var blockLines: [[UInt8]] { lines }

    /// The bytes that draw the picture with its top-left corner at (`row`, `column`), both counted from 0.
    public func placement(row: Int, column: Int) -> [UInt8] {
        var out: [UInt8] = [0x1B, UInt8(ascii: "7")]
        if mode == .sixel {
            out += cursorPosition(row: row, column: column)
            out += sixel
        } else {
            for (i, line) in lines.enumerated() {
                out += cursorPosition(row: row + i, column: column)
                out += line
            }
        }
        out += [0x1B, UInt8(ascii: "8")]
        return out
    }

    func cursorPosition(row: Int, column: Int) -> [UInt8] {
        Array("\u{1B}[\(row + 1);\(column + 1)H".utf8)
    }

    /// The pixel size to decode an artwork to for a box of `cells`, given the cell size and the
    /// terminal's largest sixel image. Sixel heights are whole 6-pixel bands so nothing spills below the box.
    public static func canvasSize(
        mode: GraphicsMode, cells: PixelSize, cellSize: PixelSize, maxSixelSize: PixelSize? = nil
    ) -> PixelSize {
        switch mode {
        case .sixel:
            var size = PixelSize(width: cells.width * cellSize.width, height: cells.height * cellSize.height)
            if let maxSixelSize { size = size.clamped(to: maxSixelSize) }
            return PixelSize(width: size.width, height: size.height / 6 * 6)
        case .trueColorBlocks, .indexedBlocks:
            return PixelSize(width: cells.width, height: cells.height * 2)
        case .none:
            return PixelSize(width: 0, height: 0)
        }
    }

    /// Renders `image` (already scaled to fit ``canvasSize(mode:cells:cellSize:maxSixelSize:)``) into a
    /// picture that fills the whole box: it is centred and padded with `background`.
    /// - Throws: ``TerminalGraphicsError`` when the box is empty, the mode is `none` or sixel encoding fails.
    public static func render(
        _ image: RGBImage, mode: GraphicsMode, cells: PixelSize, cellSize: PixelSize,
        maxSixelSize: PixelSize? = nil, background: RGB
    ) throws -> TerminalImage {
        let canvas = canvasSize(mode: mode, cells: cells, cellSize: cellSize, maxSixelSize: maxSixelSize)
        guard !canvas.isEmpty, mode != .none else { throw TerminalGraphicsError.emptyImage }
        let padded = Letterbox.pad(image, to: canvas, background: background)
        switch mode {
        case .sixel:
            return TerminalImage(
                mode: mode, cells: cells, pixels: canvas, sixel: try SixelEncoder.encode(padded, exact: background),
                lines: [])
        default:
            let lines = HalfBlockRenderer.lines(padded, trueColor: mode == .trueColorBlocks)
            return TerminalImage(mode: mode, cells: cells, pixels: canvas, sixel: [], lines: lines)
        }
    }
}
