import Foundation

/// One table of the settings file, read from and written back into the file's ``TOMLDocument``. Each area adds its
/// own table type (`[review]`, `[vlm]`, …) without touching the others.
public protocol SettingsTable: Sendable {
    /// The table's name in the file, as in `[review]`.
    static var name: String { get }
    /// Settings with nothing set.
    init()
    /// Reads the table's entries; unknown keys and wrong values throw, naming the file and line.
    init(entries: [String: TOMLEntry], file: String) throws
    /// Every key this table writes, with its value (nil: remove the key from the file).
    var entries: [(key: String, value: TOMLValue?)] { get }
}

/// Easel's settings file: `$EASEL_CONFIG`, else `$XDG_CONFIG_HOME/easel/config.toml`, else
/// `~/.config/easel/config.toml`. One reader for every table; ``save()`` rewrites only the keys that changed, so the
/// teacher's comments, key order and any table Easel does not know survive.
public struct EaselSettings: Sendable {
    /// The file.
    public let path: String
    /// The file's text as lines.
    public private(set) var document: TOMLDocument

    /// The settings file's location for this environment.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["EASEL_CONFIG"], !path.isEmpty { return path }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/easel/config.toml" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/easel/config.toml"
    }

    /// Settings parsed from `text`; `path` is named in errors and is where ``save()`` writes.
    public init(parsing text: String, path: String) throws {
        self.path = path
        document = try TOMLDocument(parsing: text, file: path)
    }

    /// Reads the file at `path` (an absent file gives empty settings).
    /// - Throws: ``SettingsError`` naming the file (and line).
    public static func load(path: String = EaselSettings.defaultPath()) throws -> EaselSettings {
        guard FileManager.default.fileExists(atPath: path) else { return try EaselSettings(parsing: "", path: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsError.unreadable(file: path, reason: "permission denied or not a file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SettingsError.unreadable(file: path, reason: "not UTF-8 text")
        }
        return try EaselSettings(parsing: text, path: path)
    }

    /// The table `T` as the file has it (empty when the file has no such table).
    public func table<T: SettingsTable>(_ type: T.Type = T.self) throws -> T {
        guard let entries = document.tables[T.name] else { return T() }
        return try T(entries: entries, file: path)
    }

    /// Puts `table`'s values into the document (changed keys only); ``save()`` writes them.
    public mutating func set<T: SettingsTable>(_ table: T) {
        for (key, value) in table.entries { document.set(T.name, key, value) }
    }

    /// Writes the file atomically, creating its folder.
    public func save() throws {
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(document.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SettingsError.unwritable(file: path, reason: error.localizedDescription)
        }
    }
}

extension TOMLEntry {
    /// The string value, or a line-numbered error naming `table.key`.
    public func string(_ table: String, _ key: String, file: String) throws -> String {
        guard case .string(let text) = value else {
            throw SettingsError.syntax(file: file, line: line, message: "\(table).\(key) must be a \"string\"")
        }
        return text
    }

    /// The integer value (a quoted number, as older Easel versions wrote, is read too).
    public func integer(_ table: String, _ key: String, file: String) throws -> Int {
        switch value {
        case .integer(let number): return number
        case .string(let text) where Int(text) != nil: return Int(text)!
        default: throw SettingsError.syntax(file: file, line: line, message: "\(table).\(key) must be a whole number")
        }
    }

    /// The boolean value, or a line-numbered error.
    public func boolean(_ table: String, _ key: String, file: String) throws -> Bool {
        guard case .boolean(let flag) = value else {
            throw SettingsError.syntax(file: file, line: line, message: "\(table).\(key) must be true or false")
        }
        return flag
    }

    /// The error for a key the table does not know.
    public static func unknown(_ table: String, _ key: String, line: Int, file: String, known: [String])
        -> SettingsError
    {
        let list = known.count > 1 ? known.dropLast().joined(separator: ", ") + " or " + known.last! : known.joined()
        return .syntax(file: file, line: line, message: "unknown key \(table).\(key); use \(list)")
    }
}
