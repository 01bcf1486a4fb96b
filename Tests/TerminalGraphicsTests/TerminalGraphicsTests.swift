import Imaging
import Testing

@testable import TerminalGraphics

@Suite struct SixelTests {
    /// A smooth diagonal gradient: the kind of image where dithering noise is easiest to measure.
    static func gradient(width: Int, height: Int) -> RGBImage {
        var image = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let r = UInt8(255 * x / max(1, width - 1))
                let g = UInt8(255 * y / max(1, height - 1))
                let b = UInt8(255 - (Int(r) + Int(g)) / 2)
                image[x, y] = (r, g, b)
            }
        }
        return image
    }

    static func meanAbsoluteError(_ a: RGBImage, _ b: RGBImage) -> [Double] {
        var sums = [0.0, 0.0, 0.0]
        for i in 0..<a.pixelCount {
            for c in 0..<3 { sums[c] += abs(Double(a.pixels[i * 3 + c]) - Double(b.pixels[i * 3 + c])) }
        }
        return sums.map { $0 / Double(a.pixelCount) }
    }

    @Test("sixel bytes for a smooth image decode back with libsixel to within 12 per channel")
    func roundTrip() throws {
        let source = Self.gradient(width: 240, height: 180)
        let bytes = try SixelEncoder.encode(source)
        #expect(bytes.starts(with: [0x1B, UInt8(ascii: "P")]))
        #expect(bytes.suffix(2) == [0x1B, UInt8(ascii: "\\")])
        let decoded = try SixelDecoder.decode(bytes)
        #expect(decoded.width == 240 && decoded.height == 180)
        let errors = Self.meanAbsoluteError(source, decoded)
        #expect(errors.allSatisfy { $0 < 12 }, "mean absolute error per channel \(errors)")
    }

    @Test("a rendered sixel artwork fills the whole box, centred on the background, in whole 6-pixel bands")
    func paddedToBox() throws {
        let picture = SixelTests.gradient(width: 40, height: 100)
        let image = try TerminalImage.render(
            picture, mode: .sixel, cells: PixelSize(width: 10, height: 7), cellSize: PixelSize(width: 10, height: 20),
            background: RGB(0, 0, 0))
        #expect(image.pixels == PixelSize(width: 100, height: 138))
        let decoded = try SixelDecoder.decode(image.sixelBytes)
        #expect(decoded.width == 100 && decoded.height == 138)
        let middle = decoded[50, 69]
        for y in [0, 10, 137] {
            for x in 0..<30 {
                let p = decoded[x, y]
                #expect(p.r == 0 && p.g == 0 && p.b == 0, "the letterbox is exactly the background, no dither dots")
            }
        }
        #expect(Int(middle.r) + Int(middle.g) + Int(middle.b) > 150)
    }

    @Test("the sixel canvas respects the terminal's largest sixel geometry")
    func clampedToMaximum() {
        let size = TerminalImage.canvasSize(
            mode: .sixel, cells: PixelSize(width: 150, height: 60), cellSize: PixelSize(width: 10, height: 20),
            maxSixelSize: PixelSize(width: 1000, height: 1000))
        #expect(size == PixelSize(width: 1000, height: 996))
    }

    @Test("the placement saves the cursor, moves to the box, draws and restores the cursor")
    func placement() throws {
        let image = try TerminalImage.render(
            RGBImage(width: 4, height: 4), mode: .sixel, cells: PixelSize(width: 2, height: 1),
            cellSize: PixelSize(width: 4, height: 12), background: RGB(0, 0, 0))
        let bytes = image.placement(row: 2, column: 5)
        #expect(Array(bytes.prefix(8)) == Array("\u{1B}7\u{1B}[3;6H".utf8))
        #expect(bytes.suffix(2) == [0x1B, UInt8(ascii: "8")])
    }
}

@Suite struct HalfBlockTests {
    @Test("half blocks put the upper pixel in the foreground and the lower pixel in the background")
    func trueColor() throws {
        var image = RGBImage(width: 2, height: 2)
        image[0, 0] = (255, 0, 0)
        image[0, 1] = (0, 0, 255)
        image[1, 0] = (255, 0, 0)
        image[1, 1] = (0, 0, 255)
        let lines = HalfBlockRenderer.lines(image, trueColor: true)
        #expect(lines.count == 1)
        let text = String(decoding: lines[0], as: UTF8.self)
        #expect(text == "\u{1B}[38;2;255;0;0;48;2;0;0;255m▀▀\u{1B}[0m")
    }

    @Test("256-colour half blocks use the xterm cube and grey ramp")
    func indexed() {
        #expect(RGB(255, 0, 0).xterm256Index == 196)
        #expect(RGB(0, 0, 0).xterm256Index == 16)
        #expect(RGB(128, 128, 128).xterm256Index == 244)
        let lines = HalfBlockRenderer.lines(RGBImage(width: 1, height: 2, fill: (255, 255, 255)), trueColor: false)
        #expect(String(decoding: lines[0], as: UTF8.self) == "\u{1B}[38;5;231;48;5;231m▀\u{1B}[0m")
    }

    @Test("a block artwork covers every cell of its box")
    func fillsBox() throws {
        let image = try TerminalImage.render(
            RGBImage(width: 3, height: 2, fill: (10, 20, 30)), mode: .trueColorBlocks,
            cells: PixelSize(width: 8, height: 4), cellSize: PixelSize(width: 10, height: 20), background: RGB(0, 0, 0))
        #expect(image.blockLines.count == 4)
        for line in image.blockLines {
            #expect(String(decoding: line, as: UTF8.self).filter { $0 == "▀" }.count == 8)
        }
    }
}

@Suite struct ProbeTests {
    @Test("an xterm -ti vt340 reply announces sixel, its geometry, registers and cell size")
    func xtermReply() {
        let reply = "\u{1B}[6;22;11t\u{1B}[?1;0;1024S\u{1B}[?2;0;1000;1000S\u{1B}[?63;1;2;4;6;9;15;16;22;28c"
        let replies = ProbeReplies(parsing: Array(reply.utf8))
        #expect(replies.isComplete)
        #expect(replies.sixel)
        #expect(replies.cellSize == PixelSize(width: 11, height: 22))
        #expect(replies.colorRegisters == 1024)
        #expect(replies.maxSixelSize == PixelSize(width: 1000, height: 1000))
    }

    @Test("a terminal without sixel fails XTSMGRAPHICS and lacks attribute 4")
    func plainReply() {
        let replies = ProbeReplies(parsing: Array("\u{1B}[?1;3S\u{1B}[?64;1;2;6;9;15;16;17;18;21;22;28c".utf8))
        #expect(replies.isComplete)
        #expect(!replies.sixel)
        #expect(replies.colorRegisters == nil)
        #expect(
            GraphicsPreference.auto.resolve(TerminalCapabilities(sixel: false, trueColor: true)) == .trueColorBlocks)
    }

    @Test("tmux's short DA1 reply, and no reply at all, mean no sixel")
    func tmuxAndSilence() {
        #expect(!ProbeReplies(parsing: Array("\u{1B}[?1;2c".utf8)).sixel)
        #expect(!ProbeReplies(parsing: []).isComplete)
        #expect(throws: TerminalGraphicsError.unknownMode("kitty")) { try GraphicsPreference(parsing: "kitty") }
    }
}
