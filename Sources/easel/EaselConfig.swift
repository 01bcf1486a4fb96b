import Foundation

/// The `[vlm]` section of Easel's config file (`$EASEL_CONFIG`, else `$XDG_CONFIG_HOME/easel/config.toml`, else
/// `~/.config/easel/config.toml`; the same file holds `easel review`'s `[review]` table): the VLM scorer's files.
///
///     [vlm]
///     model = "/models/qwen2-vl-2b-q4_k_m.gguf"
///     mmproj = "/models/mmproj-qwen2-vl-2b-f16.gguf"
///     head = "/models/easel-score-head.gguf"
///     max_pixels = 200704
///
/// Only this section is read and rewritten; every other line of the file is kept as it is. `load(section:)` reads
/// another table the same way (the remote scorer's `[remote]`).
struct EaselConfig {
    static let section = "vlm"
    /// The section's values.
    var values: [String: String] = [:]
    /// The file.
    let path: String
    /// The table this value reads and writes.
    var section = EaselConfig.section

    /// The config file's path for this environment.
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["EASEL_CONFIG"], !path.isEmpty { return path }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/easel/config.toml" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/easel/config.toml"
    }

    /// Reads the `[vlm]` section (an absent file or section is empty).
    static func load(path: String = defaultPath(), section: String = EaselConfig.section) throws -> EaselConfig {
        var config = EaselConfig(path: path, section: section)
        for (number, line) in try lines(path).enumerated() where line.section == section {
            let text = line.text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") || text.hasPrefix("[") { continue }
            guard let equals = text.firstIndex(of: "="),
                let value = unquote(text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            else {
                throw ConfigError(
                    "\(path):\(number + 1): expected key = \"value\" in [\(section)]; fix or delete the line")
            }
            config.values[text[..<equals].trimmingCharacters(in: .whitespaces)] = value
        }
        return config
    }

    /// The file's lines, each with the section it is in ("" before the first header).
    static func lines(_ path: String) throws -> [(section: String, text: String)] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw ConfigError("\(path): cannot be read as UTF-8 text; fix or delete it") }
        var section = ""
        var out: [(String, String)] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("["), let end = trimmed.firstIndex(of: "]") {
                section = trimmed[trimmed.index(after: trimmed.startIndex)..<end].trimmingCharacters(in: .whitespaces)
            }
            out.append((section, String(raw)))
        }
        return out
    }

    /// A value of the section.
    subscript(key: String) -> String? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// Writes the section back (replacing the old one, or appended), keeping every other line; creates the folder.
    func save() throws {
        var kept = try Self.lines(path).filter { $0.section != section }.map(\.text)
        while kept.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { kept.removeLast() }
        var table = ["[\(section)]"]
        for (key, value) in values.sorted(by: { $0.key < $1.key }) { table.append("\(key) = \(Self.quote(value))") }
        let text = (kept.isEmpty ? [] : kept + [""]) + table + [""]
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ConfigError("\(path): cannot be written (\(error.localizedDescription))")
        }
    }

    static func quote(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The string of a TOML basic string at the start of `text`, which may be followed by a `#` comment.
    static func unquote(_ text: String) -> String? {
        guard text.hasPrefix("\"") else { return nil }
        var out = ""
        var escaped = false
        var rest: Substring?
        for index in text.indices.dropFirst() {
            let c = text[index]
            if escaped {
                out.append(c == "n" ? "\n" : c == "t" ? "\t" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                rest = text[text.index(after: index)...]
                break
            } else {
                out.append(c)
            }
        }
        guard let rest else { return nil }
        let tail = rest.trimmingCharacters(in: .whitespaces)
        return tail.isEmpty || tail.hasPrefix("#") ? out : nil
    }
}

/// A config file problem, as one line.
struct ConfigError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
