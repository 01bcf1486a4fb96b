/// `[review]`: how `easel review` looks and grades. Command-line options win over the file.
///
///     [review]
///     theme = "light"
///     graphics = "blocks"      # auto, sixel, blocks or none
///     scorer = "builtin"       # builtin, vlm, remote or none
///     accept_moves_on = true   # `a` also moves to the next unreviewed artwork, as `A` does
public struct ReviewSettings: SettingsTable, Hashable {
    public static let name = "review"
    /// The choices for ``graphics``.
    public static let graphicsChoices = ["auto", "sixel", "blocks", "none"]
    /// The choices for ``scorer``.
    public static let scorerChoices = ["builtin", "vlm", "remote", "none"]
    static let keys = ["theme", "graphics", "scorer", "accept_moves_on"]

    /// The theme name.
    public var theme: String?
    /// `auto`, `sixel`, `blocks` or `none`.
    public var graphics: String?
    /// `builtin`, `vlm` (the model files remembered in `[vlm]`), `remote` (the server remembered in `[remote]`) or
    /// `none`.
    public var scorer: String?
    /// Whether `a` moves on to the next unreviewed artwork after accepting.
    public var acceptMovesOn: Bool?

    /// Creates settings.
    public init(theme: String? = nil, graphics: String? = nil, scorer: String? = nil, acceptMovesOn: Bool? = nil) {
        self.theme = theme
        self.graphics = graphics
        self.scorer = scorer
        self.acceptMovesOn = acceptMovesOn
    }

    public init() { self.init(theme: nil) }

    public init(entries: [String: TOMLEntry], file: String) throws {
        self.init()
        for (key, entry) in entries.sorted(by: { $0.value.line < $1.value.line }) {
            switch key {
            case "theme": theme = try entry.string(Self.name, key, file: file)
            case "graphics":
                let value = try entry.string(Self.name, key, file: file)
                guard Self.graphicsChoices.contains(value) else {
                    throw SettingsError.syntax(
                        file: file, line: entry.line,
                        message: "graphics must be auto, sixel, blocks or none, not '\(value)'")
                }
                graphics = value
            case "scorer":
                let value = try entry.string(Self.name, key, file: file)
                guard Self.scorerChoices.contains(value) else {
                    throw SettingsError.syntax(
                        file: file, line: entry.line,
                        message: "scorer must be builtin, vlm, remote or none, not '\(value)'")
                }
                scorer = value
            case "accept_moves_on": acceptMovesOn = try entry.boolean(Self.name, key, file: file)
            default: throw TOMLEntry.unknown(Self.name, key, line: entry.line, file: file, known: Self.keys)
            }
        }
    }

    public var entries: [(key: String, value: TOMLValue?)] {
        [
            ("theme", theme.map(TOMLValue.string)), ("graphics", graphics.map(TOMLValue.string)),
            ("scorer", scorer.map(TOMLValue.string)), ("accept_moves_on", acceptMovesOn.map(TOMLValue.boolean)),
        ]
    }
}
