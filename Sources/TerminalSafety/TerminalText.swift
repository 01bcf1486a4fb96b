/// Text that is safe to write to a terminal: the only thing ``Console`` prints.
///
/// Build it with string interpolation: the literal parts are the program's own words, every
/// interpolated value goes through ``Sanitizer/clean(_:newlines:)`` on one line, so a file name or a
/// student's name can never carry an escape sequence to the terminal. `\(lines: text)` keeps the line
/// breaks of a multi-line value (a table, a critique); `\(text)` of another `TerminalText` adds it as it is.
///
/// ```swift
/// Console.out("class \(name): \(added) added")
/// Console.error("\(path): \(error)")
/// ```
public struct TerminalText: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The safe text.
    public private(set) var description: String

    /// Text from data, cleaned onto one line.
    public init(_ data: String) { description = Sanitizer.clean(data) }

    /// Text from data, cleaned with its line breaks kept.
    public init(lines data: String) { description = Sanitizer.clean(data, newlines: .keep) }

    /// The program's own words (they are cleaned too, keeping line breaks, so even a literal cannot
    /// smuggle a control into the output).
    public init(stringLiteral value: String) { description = Sanitizer.clean(value, newlines: .keep) }

    /// Built by interpolation.
    public init(stringInterpolation: StringInterpolation) { description = stringInterpolation.text }

    /// Joins lines with a newline.
    public static func lines(_ parts: [TerminalText]) -> TerminalText {
        var text = TerminalText(lines: "")
        text.description = parts.map(\.description).joined(separator: "\n")
        return text
    }

    /// Appends safe text.
    public static func + (lhs: TerminalText, rhs: TerminalText) -> TerminalText {
        var text = lhs
        text.description += rhs.description
        return text
    }

    /// The interpolation: literals as the program wrote them, values cleaned.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var text = ""

        /// Reserves room.
        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 8)
        }

        /// A literal part: cleaned keeping line breaks.
        public mutating func appendLiteral(_ literal: String) { text += Sanitizer.clean(literal, newlines: .keep) }

        /// Any value, described and cleaned onto one line.
        public mutating func appendInterpolation<T>(_ value: T) {
            text += Sanitizer.clean(String(describing: value))
        }

        /// A value whose line breaks stay (a table, a critique, a multi-line summary).
        public mutating func appendInterpolation<T>(lines value: T) {
            text += Sanitizer.clean(String(describing: value), newlines: .keep)
        }

        /// Safe text as it is.
        public mutating func appendInterpolation(_ value: TerminalText) { text += value.description }
    }
}
