/// What can go wrong while probing the terminal or encoding an image for it.
public enum TerminalGraphicsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libsixel refused to encode or decode; the message is libsixel's own.
    case sixel(String)
    /// The controlling terminal could not be opened or configured.
    case terminal(String)
    /// A graphics mode name on the command line or in a config file is not known.
    case unknownMode(String)
    /// An image has no pixels or a box is empty.
    case emptyImage

    /// A one-line message: what happened and what to do.
    public var description: String {
        switch self {
        case .sixel(let message):
            "sixel encoding failed: \(message); try --graphics blocks"
        case .terminal(let message):
            "cannot talk to the terminal: \(message); run easel from an interactive terminal or use --graphics none"
        case .unknownMode(let name):
            "unknown graphics mode '\(name)'; use auto, sixel, blocks or none"
        case .emptyImage:
            "the image or its box has no pixels"
        }
    }
}
