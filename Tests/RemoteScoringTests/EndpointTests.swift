import Foundation
import RemoteScoring
import Testing

@Suite struct EndpointTests {
    @Test("https is the default; /v1 is added to a bare host; a chat-completions URL is cut back to its base")
    func parsing() throws {
        let bare = try RemoteEndpoint("grader.example.org")
        #expect(bare.base.absoluteString == "https://grader.example.org/v1")
        #expect(bare.host == "grader.example.org")
        #expect(bare.chatCompletions.absoluteString == "https://grader.example.org/v1/chat/completions")
        let full = try RemoteEndpoint("https://grader.example.org:8443/v1/chat/completions")
        #expect(full.base.absoluteString == "https://grader.example.org:8443/v1")
        #expect(full.host == "grader.example.org:8443")
        #expect(try RemoteEndpoint("https://x.org/api/v1/").models.absoluteString == "https://x.org/api/v1/models")
    }

    @Test("http only for this machine, or with the explicit flag")
    func plainHTTP() throws {
        for local in ["http://127.0.0.1:8000", "http://localhost:8000/v1", "http://[::1]:9000", "http://127.8.0.2"] {
            #expect(throws: Never.self) { try RemoteEndpoint(local) }
        }
        for remote in ["http://grader.example.org", "http://10.0.0.5:8000", "http://127.0.0.1.example.org"] {
            #expect {
                try RemoteEndpoint(remote)
            } throws: { "\($0)".contains("unencrypted") }
            #expect(throws: Never.self) { try RemoteEndpoint(remote, allowHTTP: true) }
        }
    }

    @Test("bad endpoints are one-line errors; a key in the URL is refused")
    func bad() {
        for text in ["ftp://x.org", "https://", "https://user:secret@x.org/v1"] {
            #expect {
                try RemoteEndpoint(text)
            } throws: { !"\($0)".contains("\n") && !"\($0)".contains("secret") }
        }
    }

    @Test("an API key is never printed; a key file others can read is refused")
    func apiKey() throws {
        let key = try APIKey("sk-secret-123\n")
        #expect("\(key)" == "<API key>")
        #expect(String(reflecting: key) == "<API key>")
        #expect(try APIKey.environment("EASEL_TEST_KEY", in: ["EASEL_TEST_KEY": "sk-1"]) != nil)
        #expect(try APIKey.environment("EASEL_TEST_KEY", in: [:]) == nil)
        let path = NSTemporaryDirectory() + "easel-key-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "sk-file-key\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect {
            try APIKey.file(path)
        } throws: { "\($0)".contains("chmod 600") && !"\($0)".contains("sk-file-key") }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try APIKey.file(path) == APIKey("sk-file-key"))
    }
}
