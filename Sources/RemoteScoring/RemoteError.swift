/// What can go wrong while grading against a model server, each as one line that says what to do.
public enum RemoteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The endpoint is not a usable URL, or uses http for a remote host without the explicit flag.
    case endpoint(String)
    /// The API key's environment variable or file is missing or empty.
    case apiKey(String)
    /// The server could not be reached, or stopped answering, after every retry.
    case transport(host: String, reason: String)
    /// The server answered with an HTTP error status after every retry (or at once for 4xx other than 429).
    case http(host: String, status: Int, message: String)
    /// The server's reply was not a valid assessment (after the one retry a bad reply gets).
    case badReply(String)
    /// The server does not serve the model asked for.
    case unknownModel(host: String, model: String, served: [String])
    /// The teacher has not agreed to send artworks to this endpoint.
    case notApproved(String)

    /// One line.
    public var description: String {
        switch self {
        case .endpoint(let message), .apiKey(let message), .notApproved(let message): message
        case .transport(let host, let reason): "\(host): \(reason)"
        case .http(let host, let status, let message):
            "\(host): HTTP \(status)" + (message.isEmpty ? "" : ": \(message)")
        case .badReply(let reason): "the server's reply is not a valid assessment: \(reason)"
        case .unknownModel(let host, let model, let served):
            "\(host) does not serve the model '\(model)'"
                + (served.isEmpty ? "" : " (it serves: \(served.joined(separator: ", ")))")
                + "; pass one of its models with --model"
        }
    }
}
