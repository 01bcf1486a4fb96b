/// What can go wrong with Easel's settings file, each as one line that names the file and says what to do.
public enum SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A syntax or value mistake at a line of the file.
    case syntax(file: String, line: Int, message: String)
    /// The file exists but cannot be read as UTF-8 text.
    case unreadable(file: String, reason: String)
    /// The file (or its folder) cannot be written.
    case unwritable(file: String, reason: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case .syntax(let file, let line, let message): "\(file):\(line): \(message)"
        case .unreadable(let file, let reason): "\(file): cannot read: \(reason); fix or delete it"
        case .unwritable(let file, let reason): "\(file): cannot be written (\(reason))"
        }
    }
}
