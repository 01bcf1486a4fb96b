import Foundation
import Reports
import TerminalSafety

extension Console {
    /// Writes an export (CSV, HTML) to `path`, or to stdout when `path` is nil or `-`. A pipe or a file gets
    /// the exact bytes; a terminal gets them through the sanitizer (line breaks kept), so that a field
    /// holding an escape sequence cannot act on the teacher's terminal.
    /// - Returns: whether a file was written (false for stdout).
    @discardableResult
    static func write(_ data: Data, toFileOrStdout path: String?) throws -> Bool {
        if path == nil || path == "-", stdoutIsTerminal {
            outPiece(TerminalText(lines: String(decoding: data, as: UTF8.self)))
            return false
        }
        return try AtomicFile.write(data, toFileOrStdout: path)
    }
}
