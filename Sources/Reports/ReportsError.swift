/// What can go wrong writing a report, as one line that says what happened and what to do.
public enum ReportsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The disk (or quota) is full.
    case diskFull(path: String)
    /// The file or its folder cannot be written.
    case cannotWrite(path: String, reason: String)
    /// The CSV library failed to encode.
    case encoding(String)

    /// A one-line message: what happened and what to do.
    public var description: String {
        switch self {
        case .diskFull(let path):
            "cannot write \(path): the disk is full; free some space and try again (nothing was changed)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        case .encoding(let reason):
            "could not write the CSV: \(reason)"
        }
    }
}
