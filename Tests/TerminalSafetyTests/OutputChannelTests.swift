import Foundation
import Testing

/// Keeps ``Console`` the only way text reaches stdout or stderr: a raw `print` or `FileHandle.standardError`
/// anywhere in Sources would print data without the sanitizer, so this test reads the sources and fails
/// on one, naming the file and line.
@Suite struct OutputChannelTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Files allowed to write to the terminal themselves, and why.
    static let allowed: [String: String] = [
        "TerminalSafety/Console.swift": "the one writer",
        "TUI/TerminalScreen.swift": "writes picture bytes (sixel) after curses drew the cleaned grid",
        "Reports/AtomicFile.swift":
            "writes an export's exact bytes to a pipe; the commands send a terminal through Console",
    ]

    static let patterns = [
        #"(^|[^A-Za-z0-9_.])(print|debugPrint|dump)\("#, #"FileHandle\.standard(Output|Error)"#,
        #"write\((STDOUT|STDERR)_FILENO"#, #"(^|[^A-Za-z0-9_.])(fputs|fwrite|putchar|puts|printf)\("#,
        #"FileHandle\(fileDescriptor: [12]\b"#,
    ]

    /// Benchmark and synthetic-data files print only numbers and their own labels; they are moving to
    /// their own target.
    static func exempt(_ relative: String) -> Bool {
        let name = (relative as NSString).lastPathComponent
        return allowed[relative] != nil || name.hasPrefix("Bench") || name.hasPrefix("Synthetic")
    }

    @Test("no Swift source writes to stdout or stderr except through Console")
    func onlyConsolePrints() throws {
        let regexes = try Self.patterns.map { try NSRegularExpression(pattern: $0) }
        var offenders: [String] = []
        let files = FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil)
        var count = 0
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.path.dropFirst(Self.sources.path.count + 1))
            guard !Self.exempt(relative) else { continue }
            count += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                let range = NSRange(code.startIndex..., in: code)
                if regexes.contains(where: { $0.firstMatch(in: code, range: range) != nil }) {
                    offenders.append("\(relative):\(number + 1): \(code)")
                }
            }
        }
        #expect(count > 100, "read the sources at \(Self.sources.path)")
        #expect(
            offenders.isEmpty, "print through Console (TerminalSafety) instead:\n\(offenders.joined(separator: "\n"))")
    }
}
