import Foundation

/// A value in Easel's small TOML subset.
public enum TOMLValue: Sendable, Hashable {
    /// A basic string in double quotes (escapes \" \\ \n \t \uXXXX).
    case string(String)
    /// A decimal integer.
    case integer(Int)
    /// `true` or `false`.
    case boolean(Bool)
}

/// One key's value and the line it was on, for error messages.
public struct TOMLEntry: Sendable, Hashable {
    /// The value.
    public var value: TOMLValue
    /// The 1-based line number.
    public var line: Int
}

/// A parser for the part of TOML that theme and config files use: comments, `[table]` headers and
/// `key = value` lines with strings, integers and booleans. Errors name the file and line.
public struct TOMLSubset: Sendable {
    /// Tables by name ("" holds keys before the first header); each maps keys to entries.
    public private(set) var tables: [String: [String: TOMLEntry]] = [:]
    /// The line of each table header.
    public private(set) var tableLines: [String: Int] = [:]
    /// The file name used in errors.
    public let file: String

    /// Parses `text`; `file` is named in errors.
    /// - Throws: ``TUIError/syntax(file:line:message:)``.
    public init(parsing text: String, file: String) throws {
        self.file = file
        var table = ""
        tables[""] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = Self.stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), !line.hasPrefix("[[") else {
                    throw TUIError.syntax(file: file, line: number, message: "a table header looks like [name]")
                }
                table = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                guard Self.isBareKey(table) else {
                    throw TUIError.syntax(file: file, line: number, message: "'\(table)' is not a valid table name")
                }
                guard tables[table] == nil else {
                    throw TUIError.syntax(file: file, line: number, message: "table [\(table)] appears twice")
                }
                tables[table] = [:]
                tableLines[table] = number
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw TUIError.syntax(file: file, line: number, message: "expected key = value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard Self.isBareKey(key) else {
                throw TUIError.syntax(file: file, line: number, message: "'\(key)' is not a valid key")
            }
            guard tables[table]?[key] == nil else {
                throw TUIError.syntax(file: file, line: number, message: "key '\(key)' appears twice")
            }
            let valueText = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let value = try Self.value(valueText, file: file, line: number)
            tables[table]?[key] = TOMLEntry(value: value, line: number)
        }
    }

    static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// Removes a `#` comment that is not inside a string.
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
        if let number = Int(text.replacing("_", with: "")), !text.isEmpty { return .integer(number) }
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else {
            throw TUIError.syntax(
                file: file, line: line, message: "expected a \"string\", a number, true or false, got '\(text)'")
        }
        var out = ""
        var characters = Array(text.dropFirst().dropLast())[...]
        while let c = characters.popFirst() {
            guard c == "\\" else {
                if c == "\"" {
                    throw TUIError.syntax(file: file, line: line, message: "unescaped quote inside a string")
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
                    throw TUIError.syntax(file: file, line: line, message: "bad \\u escape")
                }
                out.unicodeScalars.append(scalar)
            default:
                throw TUIError.syntax(file: file, line: line, message: "unknown escape in string")
            }
        }
        return .string(out)
    }
}
