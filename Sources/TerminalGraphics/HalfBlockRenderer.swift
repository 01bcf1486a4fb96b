import Imaging

/// Draws an image with Unicode upper half blocks (`▀`): the foreground colour is the upper pixel,
/// the background colour the lower one, so each cell shows two pixels stacked.
public enum HalfBlockRenderer {
    /// One text line per pair of pixel rows, each with its SGR colour changes and a final reset.
    /// `image` should be `columns` wide and `2 × rows` high; an odd last row repeats its upper pixel.
    public static func lines(_ image: RGBImage, trueColor: Bool) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        let rows = (image.height + 1) / 2
        lines.reserveCapacity(rows)
        for row in 0..<rows {
            var line: [UInt8] = []
            line.reserveCapacity(image.width * 40)
            var last: (RGB, RGB)?
            for x in 0..<image.width {
                let top = image[x, row * 2]
                let bottom = row * 2 + 1 < image.height ? image[x, row * 2 + 1] : top
                let upper = RGB(top.r, top.g, top.b)
                let lower = RGB(bottom.r, bottom.g, bottom.b)
                if last.map({ $0.0 != upper || $0.1 != lower }) ?? true {
                    line += sgr(upper: upper, lower: lower, trueColor: trueColor)
                    last = (upper, lower)
                }
                line += [0xE2, 0x96, 0x80]  // U+2580 UPPER HALF BLOCK
            }
            line += Array("\u{1B}[0m".utf8)
            lines.append(line)
        }
        return lines
    }

    static func sgr(upper: RGB, lower: RGB, trueColor: Bool) -> [UInt8] {
        let text =
            trueColor
            ? "\u{1B}[38;2;\(upper.r);\(upper.g);\(upper.b);48;2;\(lower.r);\(lower.g);\(lower.b)m"
            : "\u{1B}[38;5;\(upper.xterm256Index);48;5;\(lower.xterm256Index)m"
        return Array(text.utf8)
    }
}
