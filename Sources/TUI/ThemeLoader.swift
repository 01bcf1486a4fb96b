import Foundation
import Settings
import TerminalGraphics

/// Finds and reads theme files.
public enum ThemeLoader {
    /// Reads a theme from TOML text; `file` is named in errors.
    /// - Throws: ``TUIError/syntax(file:line:message:)`` for unknown tables or keys and bad values.
    public static func parse(_ text: String, name: String, file: String) throws -> Theme {
        let toml: TOMLDocument
        do {
            toml = try TOMLDocument(parsing: text, file: file)
        } catch SettingsError.syntax(let file, let line, let message) {
            throw TUIError.syntax(file: file, line: line, message: message)
        }
        var looks: [StyleRole: RoleLook] = [:]
        var imageBackground = RGB(0, 0, 0)
        for (key, entry) in toml.tables[""] ?? [:] where key != "name" && key != "description" {
            throw TUIError.syntax(
                file: file, line: entry.line, message: "unknown key '\(key)' (use name or description)")
        }
        for (table, entries) in toml.tables where !table.isEmpty {
            let line = toml.tableLines[table] ?? 0
            if table == "image" {
                for (key, entry) in entries {
                    guard key == "bg", case .rgb(let rgb) = try color(entry, file: file) else {
                        throw TUIError.syntax(
                            file: file, line: entry.line, message: "[image] takes bg = \"#rrggbb\" only")
                    }
                    imageBackground = rgb
                }
                continue
            }
            guard let role = StyleRole(rawValue: table), role != .image else {
                let known = StyleRole.allCases.filter { $0 != .image }.map(\.rawValue).joined(separator: ", ")
                throw TUIError.syntax(
                    file: file, line: line, message: "unknown table [\(table)]; use one of \(known), image")
            }
            var look = RoleLook()
            for (key, entry) in entries {
                switch key {
                case "fg": look.foreground = try color(entry, file: file)
                case "bg": look.background = try color(entry, file: file)
                case "bold": look.bold = try flag(entry, key: key, file: file)
                case "underline": look.underline = try flag(entry, key: key, file: file)
                case "reverse": look.reverse = try flag(entry, key: key, file: file)
                default:
                    throw TUIError.syntax(
                        file: file, line: entry.line,
                        message: "unknown key '\(key)'; use fg, bg, bold, underline, reverse")
                }
            }
            looks[role] = look
        }
        return Theme(name: name, looks: looks, imageBackground: imageBackground)
    }

    static func color(_ entry: TOMLEntry, file: String) throws -> ThemeColor {
        let text: String
        switch entry.value {
        case .string(let s): text = s
        case .integer(let i): text = String(i)
        case .boolean: text = ""
        }
        guard let color = ThemeColor(parsing: text) else {
            throw TUIError.syntax(
                file: file, line: entry.line,
                message: "'\(text)' is not a colour; use \"default\", a name like \"red\", \"#rrggbb\" or 0–255")
        }
        return color
    }

    static func flag(_ entry: TOMLEntry, key: String, file: String) throws -> Bool {
        guard case .boolean(let value) = entry.value else {
            throw TUIError.syntax(file: file, line: entry.line, message: "\(key) must be true or false")
        }
        return value
    }

    /// Reads `<folder>/<name>.toml` from the first folder that has it.
    /// - Throws: ``TUIError/unknownTheme(name:searched:)``, or the file's own errors.
    public static func load(name: String, searching folders: [URL]) throws -> Theme {
        if name.hasSuffix(".toml") || name.contains("/") {
            let url = URL(fileURLWithPath: name)
            return try read(url, name: url.deletingPathExtension().lastPathComponent)
        }
        for folder in folders {
            let url = folder.appendingPathComponent("\(name).toml")
            if FileManager.default.fileExists(atPath: url.path) { return try read(url, name: name) }
        }
        throw TUIError.unknownTheme(name: name, searched: folders.map(\.path))
    }

    static func read(_ url: URL, name: String) throws -> Theme {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw TUIError.unreadable(file: url.path, reason: "not a readable UTF-8 file")
        }
        return try parse(text, name: name, file: url.path)
    }

    /// The folders searched for themes, first match wins: `$EASEL_THEMES`, `$XDG_CONFIG_HOME/easel/themes`
    /// (else `~/.config/easel/themes`), `Themes/` next to the package that built the executable, and
    /// `../share/easel/themes` beside an installed executable.
    public static func searchFolders(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: URL? = Bundle.main.executableURL
    ) -> [URL] {
        var folders: [URL] = []
        if let dir = environment["EASEL_THEMES"], !dir.isEmpty { folders.append(URL(fileURLWithPath: dir)) }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            folders.append(URL(fileURLWithPath: config).appendingPathComponent("easel/themes"))
        } else if let home = environment["HOME"] {
            folders.append(URL(fileURLWithPath: home).appendingPathComponent(".config/easel/themes"))
        }
        if let executable {
            var dir = executable.resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<5 {
                let candidate = dir.appendingPathComponent("Themes")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.toml").path) {
                    folders.append(candidate)
                    break
                }
                dir = dir.deletingLastPathComponent()
            }
            let installed = executable.deletingLastPathComponent().appendingPathComponent("../share/easel/themes")
            folders.append(installed.standardizedFileURL)
        }
        return folders
    }
}
