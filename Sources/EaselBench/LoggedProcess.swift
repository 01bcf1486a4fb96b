import Foundation

/// Runs another program for a benchmark (llama.cpp's tools), its standard output and error in a log file.
enum LoggedProcess {
    /// Runs `binary` with `arguments` to completion, writing its output to `log`; returns the seconds from launch to
    /// exit. Throws when the log cannot be written or the program fails (naming the log to read).
    static func run(_ binary: String, _ arguments: [String], log: String) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        guard FileManager.default.createFile(atPath: log, contents: nil) else {
            throw BenchError("cannot write \((binary as NSString).lastPathComponent)'s log to \(log)")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        let start = Clock.now()
        try process.run()
        process.waitUntilExit()
        let seconds = Clock.since(start)
        guard process.terminationStatus == 0 else {
            throw BenchError("\(binary) failed with status \(process.terminationStatus); see \(log)")
        }
        return seconds
    }
}
