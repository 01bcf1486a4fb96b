/// What can stop an import, as one line that says what happened and what to do.
public enum ClassImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder does not exist.
    case folderNotFound(String)
    /// The path is a file, not a folder.
    case notAFolder(String)
    /// The folder cannot be listed.
    case unreadableFolder(String, reason: String)
    /// `class.csv` is malformed at a line.
    case csv(file: String, line: Int, message: String)
    /// `class.csv` cannot be read.
    case unreadableCSV(file: String, reason: String)

    /// A one-line message: what happened and what to do.
    public var description: String {
        switch self {
        case .folderNotFound(let path):
            "\(path): no such folder; give the folder that holds the class's images"
        case .notAFolder(let path):
            "\(path) is a file, not a folder; give the folder that holds the class's images"
        case .unreadableFolder(let path, let reason):
            "\(path): cannot list the folder (\(reason))"
        case .csv(let file, let line, let message):
            "\(file) line \(line): \(message)"
        case .unreadableCSV(let file, let reason):
            "\(file): cannot read it (\(reason))"
        }
    }
}
