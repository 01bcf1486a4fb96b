/// The plain colour names a critique can use for the marks on a sheet.
public enum ColourName: Int, CaseIterable, Sendable {
    case red, orange, yellow, green, blue, purple, pink, brown, black, grey

    /// The word, as a child would say it.
    public var word: String { String(describing: self) }

    /// Whether a colour counts as chromatic (not black or grey).
    public var isChromatic: Bool { self != .black && self != .grey }

    /// The name of a mark's colour from its hue (degrees), saturation and value (0...1), and its tint: chroma
    /// over distance from white, (max − min) / (255 − min), which a blend with white paper leaves unchanged.
    /// Saturation alone named the pale edge pixels of thin pen lines grey (a 25 % blend of blue ballpoint with
    /// white has saturation 0.11), so the real purple-pen drawings were "mostly grey lines"; their tint stays
    /// ≈ 0.45 like the ink's. Grey pencil has a tint under 0.1; `chroma` ((max − min) / 255) keeps near-white
    /// noise out.
    static func of(hue: Double, saturation s: Double, value v: Double, tint: Double = 0, chroma: Double = 0)
        -> ColourName
    {
        let coloured = (s >= 0.15 && v >= 0.2) || (tint >= 0.3 && chroma >= 0.05)
        if !coloured { return v < 0.4 ? .black : .grey }
        if (hue < 50 || hue >= 345) && v < 0.6 { return .brown }
        switch hue {
        case ..<15: return .red
        case ..<40: return .orange
        case ..<70: return .yellow
        case ..<165: return .green
        case ..<255: return .blue
        case ..<290: return .purple
        case ..<345: return .pink
        default: return .red
        }
    }

    /// The name stored in a measurement (index + 1), or nil for 0 / out of range.
    static func stored(_ raw: Double) -> ColourName? {
        let i = Int(raw.rounded()) - 1
        return ColourName(rawValue: i)
    }
}
