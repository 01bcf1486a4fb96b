import Foundation

/// A bearer token for the server: read from an environment variable or a file named in the settings, sent only in
/// the `Authorization` header, never stored in the database and never printed (its description is redacted).
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    let secret: String

    /// A key held in memory.
    public init(_ secret: String) throws(RemoteError) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 } == true })
        else { throw .apiKey("the API key is empty or spans several lines") }
        self.secret = trimmed
    }

    /// The key from environment variable `name`, or nil when it is unset or empty.
    public static func environment(_ name: String, in environment: [String: String]) throws(RemoteError) -> APIKey? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        do { return try APIKey(value) } catch { throw .apiKey("$\(name): \(error)") }
    }

    /// The key from a file (its first line). A file others can read is refused: the key would not be private.
    public static func file(_ path: String) throws(RemoteError) -> APIKey {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let data = FileManager.default.contents(atPath: path)
        else { throw .apiKey("\(path): the API key file cannot be read") }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw .apiKey(
                "\(path): the API key file can be read by others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first ?? ""
        do { return try APIKey(String(line)) } catch { throw .apiKey("\(path): \(error)") }
    }

    /// The `Authorization` header value.
    var header: String { "Bearer \(secret)" }

    /// Never the key.
    public var description: String { "<API key>" }
    /// Never the key.
    public var debugDescription: String { "<API key>" }
}
