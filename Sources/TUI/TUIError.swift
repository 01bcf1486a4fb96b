/// What can go wrong in the terminal user interface.
public enum TUIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A theme or config file has a syntax or value error at a line.
    case syntax(file: String, line: Int, message: String)
    /// A theme name was not found in any theme folder.
    case unknownTheme(name: String, searched: [String])
    /// A file could not be read.
    case unreadable(file: String, reason: String)
    /// curses could not start on this terminal.
    case terminal(String)

    /// A one-line message: what happened and what to do.
    public var description: String {
        switch self {
        case .syntax(let file, let line, let message):
            "\(file):\(line): \(message)"
        case .unknownTheme(let name, let searched):
            "unknown theme '\(name)': no \(name).toml in \(searched.joined(separator: ", ")); pick one of the files there"
        case .unreadable(let file, let reason):
            "\(file): cannot read: \(reason)"
        case .terminal(let message):
            "cannot start the full-screen interface: \(message); run easel in an interactive terminal"
        }
    }
}
