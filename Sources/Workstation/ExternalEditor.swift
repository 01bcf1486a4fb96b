import Foundation

/// Edits text in the teacher's `$VISUAL` or `$EDITOR` (else `vi`), through a private temporary file.
enum ExternalEditor {
    /// Writes `text` to a 0600 file in a fresh 0700 folder, runs the editor on it, and returns the
    /// edited text without a final newline the editor may have added.
    /// - Throws: ``WorkstationError/editor(_:)`` when the editor cannot run or exits non-zero.
    static func edit(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> String
    {
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("easel-\(UUID().uuidString)")
        do {
            try manager.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw WorkstationError.editor("cannot create a temporary folder: \(error.localizedDescription)")
        }
        defer { try? manager.removeItem(at: folder) }
        let file = folder.appendingPathComponent("critique.txt")
        guard manager.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw WorkstationError.editor("cannot write \(file.path)") }
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "easel-editor", file.path]
        do {
            try process.run()
        } catch {
            throw WorkstationError.editor("cannot run \(editor): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw WorkstationError.editor("\(editor) exited with status \(process.terminationStatus)")
        }
        guard let data = manager.contents(atPath: file.path), let edited = String(data: data, encoding: .utf8) else {
            throw WorkstationError.editor("the edited file is not UTF-8 text")
        }
        return edited.hasSuffix("\n") ? String(edited.dropLast()) : edited
    }
}
