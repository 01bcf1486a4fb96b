/// How the artwork is drawn in the terminal.
public enum GraphicsMode: String, Sendable, Hashable, CaseIterable {
    /// Sixel bitmaps through libsixel.
    case sixel
    /// Unicode upper half blocks with 24-bit colour: two pixels per cell.
    case trueColorBlocks = "blocks-truecolor"
    /// Unicode upper half blocks with the 256-colour palette.
    case indexedBlocks = "blocks-256"
    /// No picture; the artwork pane shows facts about the file.
    case none

    /// True for the two half-block modes.
    public var isBlocks: Bool { self == .trueColorBlocks || self == .indexedBlocks }

    /// A short name for the header.
    public var label: String {
        switch self {
        case .sixel: "sixel"
        case .trueColorBlocks: "blocks (24-bit)"
        case .indexedBlocks: "blocks (256)"
        case .none: "no images"
        }
    }
}

/// What the user asked for with `--graphics`: a mode, or `auto` to let the probe decide.
public enum GraphicsPreference: String, Sendable, Hashable, CaseIterable {
    /// Sixel when the terminal says so, else half blocks.
    case auto
    /// Sixel even if the probe did not confirm it.
    case sixel
    /// Half blocks, true colour when the terminal announces it.
    case blocks
    /// No picture.
    case none

    /// Parses a name ("auto", "sixel", "blocks", "none").
    /// - Throws: ``TerminalGraphicsError/unknownMode(_:)``.
    public init(parsing name: String) throws {
        guard let value = GraphicsPreference(rawValue: name.lowercased()) else {
            throw TerminalGraphicsError.unknownMode(name)
        }
        self = value
    }

    /// The mode to use given what the terminal reported and the environment.
    public func resolve(_ capabilities: TerminalCapabilities) -> GraphicsMode {
        let blocks: GraphicsMode = capabilities.trueColor ? .trueColorBlocks : .indexedBlocks
        switch self {
        case .auto: return capabilities.sixel ? .sixel : blocks
        case .sixel: return .sixel
        case .blocks: return blocks
        case .none: return .none
        }
    }
}
