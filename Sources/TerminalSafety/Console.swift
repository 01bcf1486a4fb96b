import Foundation

/// Every line a command prints goes through here, and it takes only ``TerminalText``, so text from data
/// reaches the terminal cleaned, by construction. Writes are unbuffered, so what is printed has happened
/// even if the process is killed right after.
public enum Console {
    /// Writes a line to stdout.
    public static func out(_ line: TerminalText) { write(line.description + "\n", to: .standardOutput) }

    /// Writes a line to stderr.
    public static func error(_ line: TerminalText) { write(line.description + "\n", to: .standardError) }

    /// Writes text to stdout without a line break (streamed model output).
    public static func outPiece(_ text: TerminalText) { write(text.description, to: .standardOutput) }

    /// Rewrites the current stderr line in place (a progress line on a terminal): carriage return, erase
    /// line, then the text. The control sequence is the program's own; `text` is clean.
    public static func errorInPlace(_ text: TerminalText) {
        write("\r\u{1B}[2K" + text.description, to: .standardError)
    }

    /// Erases the current stderr line (after ``errorInPlace(_:)``).
    public static func clearErrorLine() { write("\r\u{1B}[2K", to: .standardError) }

    /// True when stdout is a terminal.
    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    /// True when stdin is a terminal.
    public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    /// True when stderr is a terminal.
    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    private static func write(_ text: String, to handle: FileHandle) { handle.write(Data(text.utf8)) }
}

/// A progress line on stderr: rewritten in place on a terminal, else a line at every tenth.
public final class ProgressLine: @unchecked Sendable {
    private let label: TerminalText
    private let lock = NSLock()
    private var shown = false
    private var lastTenth = -1

    /// A progress line that starts with `label`.
    public init(label: TerminalText) { self.label = label }

    /// Shows `done` of `total`.
    public func update(done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        if Console.stderrIsTerminal {
            Console.errorInPlace("\(label) \(done)/\(total)")
            shown = true
        } else {
            let tenth = done * 10 / max(1, total)
            if tenth != lastTenth {
                lastTenth = tenth
                Console.error("\(label) \(done)/\(total)")
            }
        }
    }

    /// Erases the line if it was drawn in place.
    public func clear() {
        lock.lock()
        defer { lock.unlock() }
        if shown {
            Console.clearErrorLine()
            shown = false
        }
    }

    /// Done: erases the line if it was drawn in place.
    public func finish() { clear() }
}
