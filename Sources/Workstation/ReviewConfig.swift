import Foundation
import TUI

/// Settings for `easel review` from the config file (``path(environment:)``), table `[review]`: `theme`,
/// `graphics`, `scorer`.
/// Command-line options win over the file.
public struct ReviewConfig: Sendable, Hashable {
    /// The theme name.
    public var theme: String?
    /// `auto`, `sixel`, `blocks` or `none`.
    public var graphics: String?
    /// `builtin`, `vlm` (the model files remembered in the `[vlm]` table) or `none`.
    public var scorer: String?

    /// Creates settings.
    public init(theme: String? = nil, graphics: String? = nil, scorer: String? = nil) {
        self.theme = theme
        self.graphics = graphics
        self.scorer = scorer
    }

    /// The config file's location: `$EASEL_CONFIG`, else `$XDG_CONFIG_HOME/easel/config.toml`, else
    /// `~/.config/easel/config.toml` (the file whose `[vlm]` table `easel grade --scorer vlm` writes).
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["EASEL_CONFIG"], !path.isEmpty { return path }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/easel/config.toml" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/easel/config.toml"
    }

    /// Reads the config file; a missing file gives empty settings.
    /// - Throws: ``TUIError/syntax(file:line:message:)`` naming the file and line of a bad entry.
    public static func load(path: String = ReviewConfig.path()) throws -> ReviewConfig {
        guard FileManager.default.fileExists(atPath: path) else { return ReviewConfig() }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw TUIError.unreadable(file: path, reason: "not a readable UTF-8 file")
        }
        return try parse(text, file: path)
    }

    /// Parses config text; other tables are left to other commands.
    public static func parse(_ text: String, file: String) throws -> ReviewConfig {
        let toml = try TOMLSubset(parsing: text, file: file)
        var config = ReviewConfig()
        for (key, entry) in toml.tables["review"] ?? [:] {
            guard case .string(let value) = entry.value else {
                throw TUIError.syntax(file: file, line: entry.line, message: "review.\(key) must be a \"string\"")
            }
            switch key {
            case "theme": config.theme = value
            case "graphics":
                guard ["auto", "sixel", "blocks", "none"].contains(value) else {
                    throw TUIError.syntax(
                        file: file, line: entry.line,
                        message: "graphics must be auto, sixel, blocks or none, not '\(value)'")
                }
                config.graphics = value
            case "scorer":
                guard ["builtin", "vlm", "none"].contains(value) else {
                    throw TUIError.syntax(
                        file: file, line: entry.line, message: "scorer must be builtin, vlm or none, not '\(value)'")
                }
                config.scorer = value
            default:
                throw TUIError.syntax(
                    file: file, line: entry.line, message: "unknown key review.\(key); use theme, graphics or scorer")
            }
        }
        return config
    }
}
