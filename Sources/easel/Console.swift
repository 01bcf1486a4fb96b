import Foundation

/// Unbuffered writes to stdout and stderr, so that what is printed has happened even if the process is
/// killed right after.
enum Console {
    static func out(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    static func error(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// A progress line on stderr: rewritten in place on a terminal, else a line at every tenth.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private var shown = false
    private var lastTenth = -1

    init(label: String) { self.label = label }

    func update(done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        if Console.stderrIsTerminal {
            FileHandle.standardError.write(Data("\r\(label) \(done)/\(total)".utf8))
            shown = true
        } else {
            let tenth = done * 10 / max(1, total)
            if tenth != lastTenth {
                lastTenth = tenth
                Console.error("\(label) \(done)/\(total)")
            }
        }
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if shown {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            shown = false
        }
    }

    func finish() { clear() }
}
