import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One keep-alive HTTP client for an OpenAI-compatible server: Foundation's URLSession (libcurl on Linux), with at
/// most `concurrency` connections to the host, each reused across requests (measured: 8 requests at concurrency 4
/// ran over 4 connections). Transport failures, 429 and 5xx are retried with exponential backoff (honouring
/// `Retry-After`); other statuses fail at once. Cancelling the calling task cancels the request in flight.
///
/// URLSession rather than async-http-client: it ships with the toolchain, so the remote scorer adds nothing to a
/// clean build, where async-http-client (swift-nio, swift-nio-ssl's BoringSSL, swift-nio-http2, …) added several
/// minutes on this 2-core machine; and it gives what grading needs here: keep-alive, a per-host connection cap,
/// timeouts, TLS, and async cancellation.
public final class RemoteClient: Sendable {
    /// When and how often a failed request is sent again.
    public struct RetryPolicy: Sendable {
        /// Tries in all, the first included.
        public var attempts: Int
        /// The wait before the second try; it doubles each time, up to ``maximumDelay``.
        public var initialDelay: Double
        /// The longest wait between tries (also the most a `Retry-After` is honoured).
        public var maximumDelay: Double

        /// A policy.
        public init(attempts: Int = 4, initialDelay: Double = 0.5, maximumDelay: Double = 10) {
            self.attempts = max(1, attempts)
            self.initialDelay = initialDelay
            self.maximumDelay = maximumDelay
        }

        /// The wait before try `attempt + 1` (attempt counts from 1), with ±25% jitter so parallel requests spread.
        func delay(after attempt: Int, retryAfter: Double?) -> Double {
            if let retryAfter { return min(maximumDelay, max(0, retryAfter)) }
            let base = min(maximumDelay, initialDelay * pow(2, Double(attempt - 1)))
            return base * Double.random(in: 0.75...1.25)
        }
    }

    /// One reply's useful parts.
    public struct Completion: Sendable {
        /// The assistant message's text.
        public var content: String
        /// `stop`, `length`, …
        public var finishReason: String?
        /// The model that answered, as the server names it.
        public var model: String?
    }

    /// The server's endpoint.
    public let endpoint: RemoteEndpoint
    /// Seconds without an answer before a try is given up.
    public let timeout: Double
    /// Retries.
    public let retry: RetryPolicy
    private let apiKey: APIKey?
    private let session: URLSession
    private let counters = Mutex(RemoteStatistics())

    /// A client with up to `concurrency` connections to the endpoint's host.
    public init(
        endpoint: RemoteEndpoint, apiKey: APIKey?, concurrency: Int = 4, timeout: Double = 120,
        retry: RetryPolicy = RetryPolicy()
    ) {
        self.endpoint = endpoint
        self.apiKey = apiKey
        self.timeout = timeout
        self.retry = retry
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, concurrency)
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 2
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// What has been sent and received so far.
    public var statistics: RemoteStatistics { counters.withLock { $0 } }

    /// The model names the server lists at `GET /models`.
    public func servedModels() async throws -> [String] {
        let data = try await send(URLRequest(url: endpoint.models))
        struct List: Decodable {
            struct Model: Decodable { var id: String }
            var data: [Model]
        }
        guard let list = try? JSONDecoder().decode(List.self, from: data) else {
            throw RemoteError.http(host: endpoint.host, status: 200, message: "GET /models did not return a model list")
        }
        return list.data.map(\.id)
    }

    /// Posts a chat-completions body and returns the first choice's message.
    public func complete(_ body: Data) async throws -> Completion {
        var request = URLRequest(url: endpoint.chatCompletions)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let data = try await send(request)
        struct Reply: Decodable {
            struct Choice: Decodable {
                struct Message: Decodable { var content: String? }
                var message: Message
                var finish_reason: String?
            }
            struct Usage: Decodable {
                var prompt_tokens: Int?
                var completion_tokens: Int?
            }
            var model: String?
            var choices: [Choice]
            var usage: Usage?
        }
        guard let reply = try? JSONDecoder().decode(Reply.self, from: data), let choice = reply.choices.first else {
            throw RemoteError.badReply(
                "not a chat completion (\(ReplyFormat.excerpt(String(decoding: data, as: UTF8.self))))")
        }
        counters.withLock {
            $0.promptTokens += reply.usage?.prompt_tokens ?? 0
            $0.completionTokens += reply.usage?.completion_tokens ?? 0
        }
        return Completion(content: choice.message.content ?? "", finishReason: choice.finish_reason, model: reply.model)
    }

    /// Sends a request with the key, timeouts and retries; returns the body of a 2xx answer.
    func send(_ original: URLRequest) async throws -> Data {
        var request = original
        request.timeoutInterval = timeout
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let apiKey { request.setValue(apiKey.header, forHTTPHeaderField: "Authorization") }
        var attempt = 1
        while true {
            try Task.checkCancellation()
            counters.withLock {
                $0.requests += 1
                $0.bytesSent += request.httpBody?.count ?? 0
            }
            let (data, response): (Data, URLResponse)
            do {
                (data, response) = try await exchange(request)
            } catch {
                if Task.isCancelled || (error as? URLError)?.code == .cancelled { throw CancellationError() }
                let failure = RemoteError.transport(host: endpoint.host, reason: Self.reason(error, timeout: timeout))
                if let code = (error as? URLError)?.code, Self.fatal.contains(code) { throw failure }
                guard attempt < retry.attempts else { throw failure }
                try await pause(after: attempt, retryAfter: nil)
                attempt += 1
                continue
            }
            counters.withLock { $0.bytesReceived += data.count }
            let http = response as? HTTPURLResponse
            let status = http?.statusCode ?? 0
            if (200..<300).contains(status) { return data }
            let failure = RemoteError.http(host: endpoint.host, status: status, message: Self.message(in: data))
            guard status == 429 || (500..<600).contains(status), attempt < retry.attempts else { throw failure }
            try await pause(
                after: attempt, retryAfter: http?.value(forHTTPHeaderField: "Retry-After").flatMap { Double($0) })
            attempt += 1
        }
    }

    /// One exchange. URLSession's own async `data(for:)` does not stop on task cancellation on Linux (measured: a
    /// cancelled request ran to the server's answer), so the data task is cancelled explicitly.
    private func exchange(_ request: URLRequest) async throws -> (Data, URLResponse) {
        let running = Mutex<URLSessionDataTask?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let data, let response {
                        continuation.resume(returning: (data, response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                running.withLock { $0 = task }
                task.resume()
                if Task.isCancelled { task.cancel() }
            }
        } onCancel: {
            running.withLock { $0?.cancel() }
        }
    }

    /// Waits before the next try.
    private func pause(after attempt: Int, retryAfter: Double?) async throws {
        counters.withLock { $0.retries += 1 }
        try await Task.sleep(for: .seconds(retry.delay(after: attempt, retryAfter: retryAfter)))
    }

    /// URL errors that another try cannot fix.
    static let fatal: Set<URLError.Code> = [
        .badURL, .unsupportedURL, .serverCertificateUntrusted, .serverCertificateHasBadDate,
        .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
        .userAuthenticationRequired, .appTransportSecurityRequiresSecureConnection,
    ]

    /// A transport error in a few words.
    static func reason(_ error: any Error, timeout: Double) -> String {
        guard let code = (error as? URLError)?.code else { return "\(error)" }
        switch code {
        case .timedOut: return "no answer within \(Int(timeout)) s"
        case .cannotConnectToHost: return "cannot connect (is the server running?)"
        case .networkConnectionLost: return "the connection was lost"
        case .cannotFindHost, .dnsLookupFailed: return "the host name is unknown"
        case .notConnectedToInternet: return "this machine is offline"
        case .secureConnectionFailed: return "the TLS handshake failed"
        case .badServerResponse: return "the server's answer was not HTTP"
        default:
            let text = (error as NSError).userInfo[NSLocalizedDescriptionKey] as? String ?? "error \(code.rawValue)"
            return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        }
    }

    /// The `error.message` of an OpenAI-style error body, else its start; one printable line.
    static func message(in data: Data) -> String {
        struct Body: Decodable {
            struct Inner: Decodable { var message: String? }
            var error: Inner?
            var message: String?
        }
        let body = try? JSONDecoder().decode(Body.self, from: data)
        let text = body?.error?.message ?? body?.message ?? String(decoding: data.prefix(200), as: UTF8.self)
        let line = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? " " : $0 }))
        return line.count > 160 ? String(line.prefix(160)) + "…" : line
    }
}

/// Counters of one client's traffic.
public struct RemoteStatistics: Sendable, Hashable {
    /// HTTP requests sent (retries included).
    public var requests = 0
    /// Retries.
    public var retries = 0
    /// Request body bytes.
    public var bytesSent = 0
    /// Response body bytes.
    public var bytesReceived = 0
    /// Prompt tokens the server reported.
    public var promptTokens = 0
    /// Completion tokens the server reported.
    public var completionTokens = 0
}
