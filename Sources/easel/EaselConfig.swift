import Foundation

/// Settings Easel remembers between runs, in a small TOML file: `$EASEL_CONFIG`, else
/// `$XDG_CONFIG_HOME/easel/config.toml`, else `~/.config/easel/config.toml`. Only string values in sections are
/// used, e.g. the VLM scorer's files:
///
///     [vlm]
///     model = "/models/qwen2-vl-2b-q4_k_m.gguf"
///     mmproj = "/models/mmproj-qwen2-vl-2b-f16.gguf"
///     head = "/models/easel-score-head.gguf"
struct EaselConfig {
    /// section → key → value.
    var values: [String: [String: String]] = [:]
    /// The file.
    let path: String

    /// The config file's path for this environment.
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["EASEL_CONFIG"], !path.isEmpty { return path }
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("easel/config.toml")
    }

    /// Reads the file (an absent file is an empty config).
    static func load(path: String = defaultPath()) throws -> EaselConfig {
        var config = EaselConfig(path: path)
        guard FileManager.default.fileExists(atPath: path) else { return config }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError("\(path): cannot be read (\(error.localizedDescription)); fix or delete it")
        }
        var section = ""
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let equals = line.firstIndex(of: "="),
                let value = Self.unquote(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            else {
                throw ConfigError("\(path):\(number + 1): expected key = \"value\"; fix or delete the line")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            config.values[section, default: [:]][key] = value
        }
        return config
    }

    /// A value.
    subscript(section: String, key: String) -> String? {
        get { values[section]?[key] }
        set { values[section, default: [:]][key] = newValue }
    }

    /// Writes the file (creating its folder).
    func save() throws {
        var out = "# Easel settings (written by easel; see README \"Vision and VLM grading\").\n"
        for section in values.keys.sorted() {
            out += "\n[\(section)]\n"
            for (key, value) in values[section]!.sorted(by: { $0.key < $1.key }) {
                out += "\(key) = \(Self.quote(value))\n"
            }
        }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try out.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ConfigError("\(path): cannot be written (\(error.localizedDescription))")
        }
    }

    static func quote(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func unquote(_ text: String) -> String? {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return nil }
        var out = ""
        var escaped = false
        for c in text.dropFirst().dropLast() {
            if escaped {
                out.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return escaped ? nil : out
    }
}

/// A config file problem, as one line.
struct ConfigError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
