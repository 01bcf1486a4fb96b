import Foundation
import TerminalGraphics

/// How one role looks: colours and attributes.
public struct RoleLook: Sendable, Hashable {
    /// Foreground colour.
    public var foreground: ThemeColor = .terminalDefault
    /// Background colour.
    public var background: ThemeColor = .terminalDefault
    /// Bold.
    public var bold = false
    /// Underlined.
    public var underline = false
    /// Reverse video.
    public var reverse = false

    /// Creates a look.
    public init(
        foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault, bold: Bool = false,
        underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }
}

/// A colour theme: a look for each ``StyleRole``, read from a `Themes/<name>.toml` file.
///
/// A theme file has one table per role (`[header]`, `[score_high]`, …) with the keys `fg`, `bg`
/// (`"default"`, a colour name, `"#rrggbb"` or a palette index), `bold`, `underline` and `reverse`,
/// plus an `[image]` table whose `bg` is the colour around a picture that does not fill its box.
/// Roles a file leaves out look like `[normal]`.
public struct Theme: Sendable, Hashable {
    /// The theme's name (the file name without `.toml`).
    public var name: String
    /// The looks of the roles the theme sets.
    public var looks: [StyleRole: RoleLook]
    /// The colour around a picture in its box.
    public var imageBackground: RGB
    /// False for the colourless theme used under `NO_COLOR`.
    public var usesColor: Bool

    /// Creates a theme.
    public init(name: String, looks: [StyleRole: RoleLook], imageBackground: RGB = RGB(0, 0, 0), usesColor: Bool = true)
    {
        self.name = name
        self.looks = looks
        self.imageBackground = imageBackground
        self.usesColor = usesColor
    }

    /// The look of a role.
    public func look(_ role: StyleRole) -> RoleLook { looks[role] ?? looks[.normal] ?? RoleLook() }

    /// A theme without colour: reverse video and bold only (for `NO_COLOR` and monochrome terminals).
    public static let monochrome = Theme(
        name: "monochrome",
        looks: [
            .header: RoleLook(reverse: true), .status: RoleLook(reverse: true), .accent: RoleLook(bold: true),
            .selection: RoleLook(reverse: true), .edited: RoleLook(bold: true), .error: RoleLook(bold: true),
            .overlay: RoleLook(), .scoreHigh: RoleLook(bold: true),
        ], imageBackground: RGB(0, 0, 0), usesColor: false)

    /// This theme with colours removed (attributes kept), as `NO_COLOR` asks.
    public var withoutColor: Theme {
        var copy = self
        copy.usesColor = false
        for (role, look) in looks {
            copy.looks[role] = RoleLook(bold: look.bold, underline: look.underline, reverse: look.reverse)
        }
        if copy.looks[.header] == RoleLook() { copy.looks[.header] = RoleLook(reverse: true) }
        if copy.looks[.status] == RoleLook() { copy.looks[.status] = RoleLook(reverse: true) }
        if copy.looks[.selection] == RoleLook() { copy.looks[.selection] = RoleLook(reverse: true) }
        return copy
    }

    /// True when the environment asks for no colour (`NO_COLOR` set and non-empty, or `TERM=dumb`).
    public static func colorDisabled(by environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
    }
}
