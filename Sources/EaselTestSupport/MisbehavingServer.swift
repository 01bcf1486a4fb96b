import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for the failure tests, written on plain sockets so that it can misbehave in
/// ways a real server library would not let it: answer slowly, answer 500 or 429, send malformed or
/// schema-breaking JSON, reset the connection mid-request, or forward to a real server (recording every request on
/// the way, so a test sees exactly what crossed the wire). Keep-alive is honoured; each connection has a thread.
public final class MisbehavingServer: @unchecked Sendable {
    /// One request as it arrived.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: Data
        /// The connection's serial number (a new number means a new TCP connection).
        public var connection: Int
    }

    /// What to do with a request.
    public enum Action: Sendable {
        /// Answer with this status and body (JSON), after `delay` seconds.
        case reply(status: Int, body: Data, headers: [String: String] = [:], delay: Double = 0)
        /// Close the connection with a TCP reset instead of answering.
        case reset
        /// Forward to `upstream` (a base URL such as http://127.0.0.1:8000) and relay its answer; `body`, when
        /// given, is sent instead of the request's own (the request log keeps what the client sent).
        case forward(URL, body: Data? = nil)
    }

    public let port: Int
    private let listener: Int32
    private let handler: @Sendable (Request, Int) -> Action
    private let log = Mutex<[Request]>([])
    private let answers = Mutex<[Int: (status: Int, body: Data)]>([:])
    private let connections = Mutex(0)
    private let stopped = Mutex(false)

    /// Starts listening on a free port; `handler` gets each request and its 0-based index among all requests.
    public init(handler: @escaping @Sendable (Request, Int) -> Action) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 64) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw ServerError("cannot listen on 127.0.0.1: errno \(errno)")
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT/v1`.
    public var endpoint: String { "http://127.0.0.1:\(port)/v1" }

    /// Every request so far.
    public var requests: [Request] { log.withLock { $0 } }

    /// The status and body sent back for each request so far, by the request's index in ``requests`` (none for a
    /// reset, or while the answer is still being made).
    public var responses: [Int: (status: Int, body: Data)] { answers.withLock { $0 } }

    /// Stops accepting connections.
    public func stop() {
        let already = stopped.withLock { value in
            defer { value = true }
            return value
        }
        if !already {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private func acceptLoop() {
        while !stopped.withLock({ $0 }) {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let number = connections.withLock { value in
                value += 1
                return value
            }
            Thread { [self] in serve(client, connection: number) }.start()
        }
    }

    private func serve(_ client: Int32, connection: Int) {
        var buffer = Data()
        defer { close(client) }
        while let request = Self.readRequest(client, buffer: &buffer, connection: connection) {
            let index = log.withLock { list in
                list.append(request)
                return list.count - 1
            }
            switch handler(request, index) {
            case .reset:
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                return
            case .reply(let status, let body, let headers, let delay):
                if delay > 0 { Thread.sleep(forTimeInterval: delay) }
                answers.withLock { $0[index] = (status, body) }
                guard Self.write(client, status: status, body: body, headers: headers) else { return }
            case .forward(let upstream, let replacement):
                var sent = request
                if let replacement { sent.body = replacement }
                let (status, body) = Self.forward(sent, to: upstream)
                answers.withLock { $0[index] = (status, body) }
                guard Self.write(client, status: status, body: body, headers: [:]) else { return }
            }
        }
    }

    /// Reads one request (headers, then a Content-Length body); nil at the end of the connection.
    static func readRequest(_ socket: Int32, buffer: inout Data, connection: Int) -> Request? {
        let separator = Data("\r\n\r\n".utf8)
        var chunk = [UInt8](repeating: 0, count: 65536)
        while buffer.range(of: separator) == nil {
            let count = recv(socket, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
        let end = buffer.range(of: separator)!
        let head = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
        buffer = Data(buffer[end.upperBound...])
        let lines = head.components(separatedBy: "\r\n")
        let first = lines[0].split(separator: " ")
        guard first.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length {
            let count = recv(socket, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
        let body = Data(buffer.prefix(length))
        buffer = Data(buffer.dropFirst(length))
        return Request(
            method: String(first[0]), path: String(first[1]), headers: headers, body: body, connection: connection)
    }

    static func write(_ socket: Int32, status: Int, body: Data, headers: [String: String]) -> Bool {
        var head = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Status")\r\nContent-Type: application/json\r\n"
        head += "Content-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let bytes = Data((head + "\r\n").utf8) + body
        return bytes.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(socket, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                guard n > 0 else { return false }
                sent += n
            }
            return true
        }
    }

    static func forward(_ request: Request, to upstream: URL) -> (Int, Data) {
        var forwarded = URLRequest(url: URL(string: upstream.absoluteString + request.path)!)
        forwarded.httpMethod = request.method
        forwarded.httpBody = request.method == "POST" ? request.body : nil
        forwarded.setValue("application/json", forHTTPHeaderField: "Content-Type")
        forwarded.timeoutInterval = 600
        let result = Mutex<(Int, Data)>((502, Data(#"{"error":{"message":"upstream failed"}}"#.utf8)))
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: forwarded) { data, response, _ in
            if let data, let http = response as? HTTPURLResponse { result.withLock { $0 = (http.statusCode, data) } }
            done.signal()
        }.resume()
        done.wait()
        return result.withLock { $0 }
    }

    /// A chat completion whose message is `content`.
    public static func completion(_ content: String, finishReason: String = "stop", model: String = "tiny") -> Data {
        let body: [String: Any] = [
            "id": "cmpl-test", "object": "chat.completion", "model": model,
            "choices": [
                ["index": 0, "message": ["role": "assistant", "content": content], "finish_reason": finishReason]
            ],
            "usage": ["prompt_tokens": 300, "completion_tokens": 40, "total_tokens": 340],
        ]
        return (try? JSONSerialization.data(withJSONObject: body)) ?? Data()
    }

    /// `{"data": [{"id": name}, …]}`.
    public static func models(_ names: [String]) -> Data {
        (try? JSONSerialization.data(withJSONObject: [
            "object": "list", "data": names.map { ["id": $0, "object": "model"] },
        ])) ?? Data()
    }
}

public struct ServerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
