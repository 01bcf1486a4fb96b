import Foundation

/// An OpenAI-compatible API base (`https://grader.school.org/v1`): where requests go, and the host that is
/// recorded with every assessment.
///
/// `https` is the default (a bare `host:port` gets it); `http` is accepted only for this machine (localhost,
/// 127.0.0.0/8, ::1) unless ``init(_:allowHTTP:)`` is told otherwise, so artworks never cross a network in the clear
/// by accident.
public struct RemoteEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The API base, ending in `/v1` (added when the URL has no path).
    public let base: URL
    /// `host` or `host:port`, as recorded in the scorer version and shown to the teacher.
    public let host: String

    /// Parses an endpoint.
    public init(_ text: String, allowHTTP: Bool = false) throws(RemoteError) {
        var text = text.trimmingCharacters(in: .whitespaces)
        if !text.contains("://") { text = "https://" + text }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let hostName = components.host, !hostName.isEmpty
        else {
            throw .endpoint("'\(text)' is not a URL; give one like https://grader.example.org/v1")
        }
        guard scheme == "https" || scheme == "http" else {
            throw .endpoint("\(text): only https (or http on this machine) is supported")
        }
        guard components.user == nil, components.password == nil else {
            throw .endpoint(
                "the endpoint URL holds a user name or password; put the API key in a key file or environment variable")
        }
        if scheme == "http" && !allowHTTP && !Self.isLoopback(hostName) {
            throw .endpoint(
                "\(text): http would send student work unencrypted; use https, or --allow-http on a trusted network")
        }
        var clean = URLComponents()
        clean.scheme = scheme
        clean.host = hostName
        clean.port = components.port
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix("/chat/completions") { path.removeLast("/chat/completions".count) }
        clean.path = path.isEmpty ? "/v1" : path
        guard let url = clean.url else { throw .endpoint("'\(text)' is not a URL") }
        base = url
        let shownHost = hostName.contains(":") ? "[\(hostName)]" : hostName
        host = components.port.map { "\(shownHost):\($0)" } ?? shownHost
    }

    /// `POST` here for a chat completion.
    public var chatCompletions: URL { base.appendingPathComponent("chat/completions") }
    /// `GET` here for the served models.
    public var models: URL { base.appendingPathComponent("models") }
    /// The API base as text.
    public var description: String { base.absoluteString }

    /// Whether a host name is this machine.
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == "localhost" || name == "::1" || name.hasSuffix(".localhost") { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
