/// A value in the part of TOML that Easel's files use.
public enum TOMLValue: Sendable, Hashable {
    /// A basic string in double quotes (escapes \" \\ \n \t \uXXXX).
    case string(String)
    /// A decimal integer (underscores allowed between digits).
    case integer(Int)
    /// `true` or `false`.
    case boolean(Bool)

    /// The value as TOML writes it.
    public var toml: String {
        switch self {
        case .integer(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .string(let text):
            "\""
                + text.unicodeScalars.map { scalar -> String in
                    switch scalar {
                    case "\"": "\\\""
                    case "\\": "\\\\"
                    case "\n": "\\n"
                    case "\t": "\\t"
                    case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                            + String(scalar.value, radix: 16, uppercase: true)
                    default: String(scalar)
                    }
                }.joined() + "\""
        }
    }
}

/// One key's value and the 1-based line it is on, for error messages.
public struct TOMLEntry: Sendable, Hashable {
    /// The value.
    public var value: TOMLValue
    /// The 1-based line number.
    public var line: Int

    /// Creates an entry.
    public init(value: TOMLValue, line: Int) {
        self.value = value
        self.line = line
    }
}

/// A TOML file as its lines: comments, blank lines, `[table]` headers and `key = value` lines with strings,
/// integers and booleans. Reading gives each table's entries with their line numbers; ``set(_:_:_:)`` changes one
/// key's line in place, so that writing ``text`` back keeps every comment, every other key and every unknown table
/// exactly as the person typed them. Errors name the file and line.
public struct TOMLDocument: Sendable, Hashable {
    enum Line: Sendable, Hashable {
        /// A blank or comment-only line, kept as typed.
        case other(String)
        /// `[name]`.
        case header(name: String, text: String)
        /// `key = value`, with the text as typed and its trailing comment ("" when none).
        case pair(table: String, key: String, value: TOMLValue, text: String, comment: String)
    }

    /// The file name used in errors.
    public let file: String
    private(set) var lines: [Line] = []

    /// An empty document.
    public init(file: String) {
        self.file = file
    }

    /// Parses `text`; `file` is named in errors.
    /// - Throws: ``SettingsError/syntax(file:line:message:)``.
    public init(parsing text: String, file: String) throws {
        self.file = file
        var table = ""
        var seenTables: Set<String> = [""]
        var seenKeys: Set<[String]> = []
        let rawLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, raw) in rawLines.enumerated() {
            // A final newline leaves an empty last piece that is not a line of the file.
            if index == rawLines.count - 1 && raw.isEmpty { break }
            let number = index + 1
            let raw = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            let content = Self.stripComment(raw)
            let line = content.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                lines.append(.other(raw))
                continue
            }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), !line.hasPrefix("[[") else {
                    throw SettingsError.syntax(file: file, line: number, message: "a table header looks like [name]")
                }
                table = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                guard Self.isBareKey(table) else {
                    throw SettingsError.syntax(
                        file: file, line: number, message: "'\(table)' is not a valid table name")
                }
                guard seenTables.insert(table).inserted else {
                    throw SettingsError.syntax(file: file, line: number, message: "table [\(table)] appears twice")
                }
                lines.append(.header(name: table, text: raw))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw SettingsError.syntax(file: file, line: number, message: "expected key = value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard Self.isBareKey(key) else {
                throw SettingsError.syntax(file: file, line: number, message: "'\(key)' is not a valid key")
            }
            guard seenKeys.insert([table, key]).inserted else {
                throw SettingsError.syntax(file: file, line: number, message: "key '\(key)' appears twice")
            }
            let valueText = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let value = try Self.value(valueText, file: file, line: number)
            // The comment keeps the spaces before its `#`; trailing spaces alone are not kept.
            let kept = content.count - content.reversed().prefix { $0 == " " || $0 == "\t" }.count
            let tail = String(raw.dropFirst(kept))
            let comment = tail.contains("#") ? tail : ""
            lines.append(.pair(table: table, key: key, value: value, text: raw, comment: comment))
        }
    }

    /// Tables by name ("" holds keys before the first header); each maps keys to entries.
    public var tables: [String: [String: TOMLEntry]] {
        var out: [String: [String: TOMLEntry]] = ["": [:]]
        for (index, line) in lines.enumerated() {
            switch line {
            case .header(let name, _): out[name, default: [:]] = out[name] ?? [:]
            case .pair(let table, let key, let value, _, _):
                out[table, default: [:]][key] = TOMLEntry(value: value, line: index + 1)
            case .other: break
            }
        }
        return out
    }

    /// The line of each table header.
    public var tableLines: [String: Int] {
        var out: [String: Int] = [:]
        for (index, line) in lines.enumerated() {
            if case .header(let name, _) = line { out[name] = index + 1 }
        }
        return out
    }

    /// The entry of `key` in `table`, if any.
    public func entry(_ table: String, _ key: String) -> TOMLEntry? {
        tables[table]?[key]
    }

    /// Sets `key` in `table` to `value` (nil removes the key). An existing line is rewritten in place, keeping its
    /// indentation and trailing comment; an unchanged value leaves the line exactly as typed; a new key goes after
    /// the table's last key; a new table is appended at the end after a blank line.
    public mutating func set(_ table: String, _ key: String, _ value: TOMLValue?) {
        if let index = lines.firstIndex(where: {
            if case .pair(table, key, _, _, _) = $0 { return true } else { return false }
        }) {
            guard case .pair(_, _, let old, let text, let comment) = lines[index] else { return }
            guard let value else {
                lines.remove(at: index)
                return
            }
            if old == value { return }
            let indent = String(text.prefix { $0 == " " || $0 == "\t" })
            let rendered = indent + "\(key) = \(value.toml)" + comment
            lines[index] = .pair(table: table, key: key, value: value, text: rendered, comment: comment)
            return
        }
        guard let value else { return }
        let newLine = Line.pair(table: table, key: key, value: value, text: "\(key) = \(value.toml)", comment: "")
        var current = ""
        var insertAt: Int? = table.isEmpty ? 0 : nil
        for (index, line) in lines.enumerated() {
            switch line {
            case .header(let name, _):
                current = name
                if name == table { insertAt = index + 1 }
            case .pair:
                if current == table { insertAt = index + 1 }
            case .other: break
            }
        }
        if let insertAt {
            lines.insert(newLine, at: insertAt)
            return
        }
        while case .other(let text) = lines.last, text.trimmingCharacters(in: .whitespaces).isEmpty {
            lines.removeLast()
        }
        if !lines.isEmpty { lines.append(.other("")) }
        lines.append(.header(name: table, text: "[\(table)]"))
        lines.append(newLine)
    }

    /// The document as text, one line per line, ending with a newline.
    public var text: String {
        lines.map { line in
            switch line {
            case .other(let text), .header(_, let text), .pair(_, _, _, let text, _): text
            }
        }.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// The line without a `#` comment that is not inside a string.
    static func stripComment(_ line: String) -> String {
        var inString = false
        var escaped = false
        for (offset, c) in line.enumerated() {
            if escaped {
                escaped = false
            } else if c == "\\" && inString {
                escaped = true
            } else if c == "\"" {
                inString.toggle()
            } else if c == "#" && !inString {
                return String(line.prefix(offset))
            }
        }
        return line
    }

    static func value(_ text: String, file: String, line: Int) throws -> TOMLValue {
        if text == "true" { return .boolean(true) }
        if text == "false" { return .boolean(false) }
        if !text.isEmpty, !text.hasPrefix("_"), !text.hasSuffix("_"), let number = Int(text.replacing("_", with: "")) {
            return .integer(number)
        }
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else {
            throw SettingsError.syntax(
                file: file, line: line, message: "expected a \"string\", a number, true or false, got '\(text)'")
        }
        var out = ""
        var characters = Array(text.dropFirst().dropLast())[...]
        while let c = characters.popFirst() {
            guard c == "\\" else {
                if c == "\"" {
                    throw SettingsError.syntax(file: file, line: line, message: "unescaped quote inside a string")
                }
                out.append(c)
                continue
            }
            switch characters.popFirst() {
            case "\"": out.append("\"")
            case "\\": out.append("\\")
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "u":
                let hex = String(characters.prefix(4))
                characters = characters.dropFirst(4)
                guard hex.count == 4, let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else {
                    throw SettingsError.syntax(file: file, line: line, message: "bad \\u escape")
                }
                out.unicodeScalars.append(scalar)
            default:
                throw SettingsError.syntax(file: file, line: line, message: "unknown escape in string")
            }
        }
        return .string(out)
    }
}
