/// What can go wrong in a review session.
public enum WorkstationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The config file has a bad value at a line.
    case config(file: String, line: Int, message: String)
    /// The external editor could not be run or failed.
    case editor(String)
    /// The artwork file could not be read or decoded for its picture.
    case picture(path: String, reason: String)

    /// A one-line message: what happened and what to do.
    public var description: String {
        switch self {
        case .config(let file, let line, let message):
            "\(file):\(line): \(message)"
        case .editor(let message):
            "external editor failed: \(message); set $EDITOR to an editor that exits 0, or use c"
        case .picture(let path, let reason):
            "cannot show \(path): \(reason)"
        }
    }
}
