import Foundation
import Synchronization

/// The files and folders one export run created, so that a failed run (a full disk halfway through the
/// images) takes them away again instead of leaving part of an export behind. Folders are created 0700 and
/// files through ``AtomicFile`` (0600, or the mode of the file replaced).
public final class ExportRun: Sendable {
    private let created = Mutex<(files: [String], folders: [String])>(([], []))

    /// A run that has created nothing yet.
    public init() {}

    /// Creates `path` and any missing parents (mode 0700), remembering those it created.
    public func makeFolder(_ path: String) throws {
        var missing: [String] = []
        var folder = (path as NSString).standardizingPath
        while !folder.isEmpty, folder != "/", !FileManager.default.fileExists(atPath: folder) {
            missing.append(folder)
            folder = (folder as NSString).deletingLastPathComponent
        }
        for folder in missing.reversed() {
            if mkdir(folder, 0o700) != 0, errno != EEXIST { throw AtomicFile.error(errno, path: folder) }
            created.withLock { $0.folders.append(folder) }
        }
    }

    /// Writes a file atomically, remembering it when it is new.
    public func write(_ data: Data, to path: String) throws {
        let isNew = !FileManager.default.fileExists(atPath: path)
        try AtomicFile.write(data, to: path)
        if isNew { created.withLock { $0.files.append(path) } }
    }

    /// Removes every file the run created, then the folders it created (when empty).
    public func rollBack() {
        let (files, folders) = created.withLock { state in
            defer { state = ([], []) }
            return state
        }
        for file in files { unlink(file) }
        for folder in folders.reversed() { rmdir(folder) }
    }
}
