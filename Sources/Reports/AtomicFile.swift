import Foundation

/// Writes a file all at once: the bytes go to a temporary file beside it, are flushed to disk, and the
/// temporary file is renamed over the target, so a reader never sees half a file and a failure (a full
/// disk) leaves the old file as it was.
///
/// Exports hold students' names and grades: a new file is created 0600 (owner only), and a file replaced
/// keeps the permissions it had (a teacher who shared it on purpose keeps that choice).
public enum AtomicFile {
    /// The permissions of a new export.
    public static let newFileMode: mode_t = 0o600

    /// Writes `data` to `path` atomically.
    /// - Throws: ``ReportsError/diskFull(path:)`` or ``ReportsError/cannotWrite(path:reason:)``.
    public static func write(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = ((folder.isEmpty ? "." : folder) as NSString)
            .appendingPathComponent(".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        var existing = stat()
        let mode = stat(path, &existing) == 0 ? existing.st_mode & 0o777 : newFileMode
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, newFileMode)
        guard fd >= 0 else { throw error(errno, path: path) }
        do {
            if fchmod(fd, mode) != 0 { throw error(errno, path: path) }
            try writeAll(data, to: fd, path: path)
            if fsync(fd) != 0 { throw error(errno, path: path) }
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw error(code, path: path)
        }
    }

    /// Writes `data` to `path` atomically, or to stdout when `path` is nil or `-` (the `-o FILE` convention of
    /// the export commands).
    /// - Returns: whether a file was written (false for stdout).
    @discardableResult
    public static func write(_ data: Data, toFileOrStdout path: String?) throws -> Bool {
        guard let path, path != "-" else {
            try writeAll(data, to: STDOUT_FILENO, path: "stdout")
            return false
        }
        try write(data, to: path)
        return true
    }

    /// Writes every byte to an open descriptor (stdout, say), retrying short writes and interrupts.
    /// - Throws: ``ReportsError/diskFull(path:)`` or ``ReportsError/cannotWrite(path:reason:)``, naming `path`.
    public static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw error(errno, path: path)
                }
                offset += written
            }
        }
    }

    static func error(_ code: Int32, path: String) -> ReportsError {
        switch code {
        case ENOSPC, EDQUOT: .diskFull(path: path)
        case EACCES, EPERM, EROFS: .cannotWrite(path: path, reason: "permission denied")
        case ENOENT: .cannotWrite(path: path, reason: "the folder does not exist")
        case EISDIR: .cannotWrite(path: path, reason: "it is a folder")
        default: .cannotWrite(path: path, reason: String(cString: strerror(code)))
        }
    }
}
