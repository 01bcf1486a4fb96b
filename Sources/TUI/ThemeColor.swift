import TerminalGraphics

/// A colour in a theme: the terminal's default, an xterm palette index, or 24-bit RGB.
public enum ThemeColor: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// A palette index 0–255.
    case indexed(Int)
    /// A 24-bit colour.
    case rgb(RGB)

    static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "grey": 8, "gray": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Parses `default`, a colour name (`red`, `bright-blue`), `#rrggbb`, or a palette index 0–255.
    public init?(parsing text: String) {
        let lower = text.lowercased()
        if lower == "default" {
            self = .terminalDefault
        } else if let index = Self.names[lower] {
            self = .indexed(index)
        } else if lower.hasPrefix("#"), lower.count == 7, let v = UInt32(lower.dropFirst(), radix: 16) {
            self = .rgb(RGB(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)))
        } else if let index = Int(lower), (0...255).contains(index) {
            self = .indexed(index)
        } else {
            return nil
        }
    }

    /// The colour number to give curses on a terminal with `colors` colours (-1 is the default).
    public func cursesColor(colors: Int) -> Int {
        switch self {
        case .terminalDefault:
            return -1
        case .indexed(let index):
            return index < colors ? index : Self.basic(Self.paletteRGB(index), colors: colors)
        case .rgb(let rgb):
            return colors >= 256 ? rgb.xterm256Index : Self.basic(rgb, colors: colors)
        }
    }

    /// The approximate RGB of a palette entry.
    static func paletteRGB(_ index: Int) -> RGB {
        let basic: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if index < 16 { return RGB(basic[index].0, basic[index].1, basic[index].2) }
        if index >= 232 {
            let v = UInt8(8 + (index - 232) * 10)
            return RGB(v, v, v)
        }
        let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
        let i = index - 16
        return RGB(levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
    }

    /// The nearest of the first 8 or 16 colours.
    static func basic(_ rgb: RGB, colors: Int) -> Int {
        let count = colors >= 16 ? 16 : 8
        var best = 0
        var bestDistance = Int.max
        for i in 0..<count {
            let p = paletteRGB(i)
            let d = [Int(p.r) - Int(rgb.r), Int(p.g) - Int(rgb.g), Int(p.b) - Int(rgb.b)].reduce(0) { $0 + $1 * $1 }
            if d < bestDistance {
                bestDistance = d
                best = i
            }
        }
        return best
    }
}
