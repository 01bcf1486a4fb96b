import EaselTestSupport
import Foundation
import Grading
import Imaging
import RemoteScoring
import Rubric
import Testing

/// The remote scorer against a server that misbehaves: every artwork ends with a valid assessment or a one-line
/// error, and an invalid reply never becomes an assessment.
@Suite struct RemoteScorerFailureTests {
    static let valid =
        #"{"originality":12,"color":9,"texture":14,"composition":11,"content":10,"critique":"Strong diagonal lines."}"#
    static let input = ArtworkInput(
        id: "a", image: RGBImage(width: 64, height: 48, fill: (200, 40, 40)), description: "A red barn.")

    static func scorer(_ server: MisbehavingServer, timeout: Double = 5, attempts: Int = 3, key: APIKey? = nil)
        throws -> RemoteScorer
    {
        let client = RemoteClient(
            endpoint: try RemoteEndpoint(server.endpoint), apiKey: key, concurrency: 2, timeout: timeout,
            retry: .init(attempts: attempts, initialDelay: 0.05, maximumDelay: 0.2))
        return RemoteScorer(client: client, model: "tiny", concurrency: 2, critiqueLimit: 200)
    }

    static func reply(_ content: String) -> MisbehavingServer.Action {
        .reply(status: 200, body: MisbehavingServer.completion(content))
    }

    static func error(_ status: Int, _ message: String) -> MisbehavingServer.Action {
        .reply(status: status, body: Data(#"{"error":{"message":"\#(message)"}}"#.utf8))
    }

    func expectOneLineFailure(_ scorer: RemoteScorer, containing text: String) async {
        do {
            let assessment = try await scorer.assess(Self.input, context: .empty)
            Issue.record("expected a failure, got \(assessment.scores.values)")
        } catch {
            let line = "\(error)"
            #expect(line.contains(text), "\(line)")
            #expect(!line.contains("\n"))
        }
    }

    @Test("5xx and 429 are retried with backoff, then the valid reply is the assessment")
    func retriesServerErrors() async throws {
        let server = try MisbehavingServer { _, index in
            switch index {
            case 0: Self.error(500, "overloaded")
            case 1: .reply(status: 429, body: Data(), headers: ["Retry-After": "0"])
            case 2: Self.error(503, "warming up")
            default: Self.reply(Self.valid)
            }
        }
        let scorer = try Self.scorer(server, attempts: 4)
        let assessment = try await scorer.assess(Self.input, context: .empty)
        #expect(assessment.scores.values == [12, 9, 14, 11, 10])
        #expect(assessment.scorerID == "remote")
        #expect(assessment.scorerVersion.hasPrefix("tiny@127.0.0.1:\(server.port)+json+prompt-"))
        #expect(scorer.client.statistics.retries == 3)
        #expect(server.requests.count == 4)
    }

    @Test("500 on every try ends in one line naming the host and status")
    func persistentServerError() async throws {
        let server = try MisbehavingServer { _, _ in Self.error(500, "CUDA out of memory") }
        await expectOneLineFailure(try Self.scorer(server), containing: "127.0.0.1:\(server.port): HTTP 500: CUDA out")
        #expect(server.requests.count == 3)
    }

    @Test("4xx other than 429 is not retried, and the API key is sent but never shown")
    func clientErrorNotRetried() async throws {
        let server = try MisbehavingServer { _, _ in Self.error(401, "invalid API key") }
        let scorer = try Self.scorer(server, key: APIKey("sk-very-secret"))
        await expectOneLineFailure(scorer, containing: "HTTP 401: invalid API key")
        #expect(server.requests.count == 1)
        #expect(server.requests[0].headers["authorization"] == "Bearer sk-very-secret")
    }

    @Test("a malformed reply is asked for once more; the second, valid one is the assessment")
    func malformedThenValid() async throws {
        let server = try MisbehavingServer { _, index in
            index == 0 ? Self.reply(#"{"originality": 12, "color": 9, "tex"#) : Self.reply(Self.valid)
        }
        let assessment = try await Self.scorer(server).assess(Self.input, context: .empty)
        #expect(assessment.scores.total == 56)
        #expect(server.requests.count == 2)
    }

    @Test(
        "replies that are malformed or break the schema twice end in one line, never an assessment",
        arguments: [
            (#"{"originality": 12, "color": 9, "tex"#, "not a JSON object"),
            (#"{"originality":25,"color":9,"texture":14,"composition":11,"content":10,"critique":"x"}"#, "0–20"),
            (#"{"originality":12,"color":9,"texture":14,"composition":11,"content":10}"#, "critique"),
            ("I think this deserves a 75.", "not a JSON object"),
        ])
    func badReplies(content: String, reason: String) async throws {
        let server = try MisbehavingServer { _, _ in Self.reply(content) }
        await expectOneLineFailure(try Self.scorer(server), containing: reason)
        #expect(server.requests.count == 2)
    }

    @Test("a body that is not a chat completion, and a reply cut off at the token limit, are bad replies")
    func notACompletion() async throws {
        let server = try MisbehavingServer { _, index in
            index == 0
                ? .reply(status: 200, body: Data("<html>gateway</html>".utf8))
                : .reply(status: 200, body: MisbehavingServer.completion(Self.valid, finishReason: "length"))
        }
        await expectOneLineFailure(try Self.scorer(server), containing: "cut off at the token limit")
    }

    @Test("a connection reset is retried; resets on every try end in one line")
    func connectionReset() async throws {
        let once = try MisbehavingServer { _, index in index == 0 ? .reset : Self.reply(Self.valid) }
        let assessment = try await Self.scorer(once).assess(Self.input, context: .empty)
        #expect(assessment.scores.total == 56)
        let always = try MisbehavingServer { _, _ in .reset }
        await expectOneLineFailure(try Self.scorer(always), containing: "127.0.0.1:\(always.port): ")
        #expect(always.requests.count == 3)
    }

    @Test("a server slower than the timeout ends in one line; a nearly-as-slow one succeeds")
    func slowServer() async throws {
        let slow = try MisbehavingServer { _, _ in
            .reply(status: 200, body: MisbehavingServer.completion(Self.valid), delay: 3)
        }
        await expectOneLineFailure(try Self.scorer(slow, timeout: 1, attempts: 2), containing: "no answer within 1 s")
        let patient = try MisbehavingServer { _, _ in
            .reply(status: 200, body: MisbehavingServer.completion(Self.valid), delay: 0.5)
        }
        #expect(try await Self.scorer(patient, timeout: 3).assess(Self.input, context: .empty).scores.total == 56)
    }

    @Test("nothing listening: one line saying the server cannot be reached")
    func noServer() async throws {
        let server = try MisbehavingServer { _, _ in .reset }
        let port = server.port
        server.stop()
        let client = RemoteClient(
            endpoint: try RemoteEndpoint("http://127.0.0.1:\(port)/v1"), apiKey: nil, timeout: 2,
            retry: .init(attempts: 2, initialDelay: 0.05))
        let scorer = RemoteScorer(client: client, model: "tiny")
        await expectOneLineFailure(scorer, containing: "cannot connect")
    }

    @Test("a server that refuses response_format is asked for the template from then on, parsed strictly")
    func templateFallback() async throws {
        let server = try MisbehavingServer { request, _ in
            let body = String(decoding: request.body, as: UTF8.self)
            if body.contains("response_format") { return Self.error(400, "response_format is not supported") }
            return Self.reply(
                "Originality: 3/20\nColor: 4/20\nTexture: 5/20\nComposition: 6/20\nContent: 7/20\nCritique: Neat.")
        }
        let scorer = try Self.scorer(server)
        let assessment = try await scorer.assess(Self.input, context: .empty)
        #expect(assessment.scores.values == [3, 4, 5, 6, 7])
        #expect(assessment.critique == "Neat.")
        #expect(assessment.scorerVersion.contains("+template+prompt-"))
        #expect(scorer.replyFormat == .template)
        _ = try await scorer.assess(Self.input, context: .empty)
        #expect(server.requests.count == 3, "the second artwork goes straight to the template")
    }

    @Test("the model check lists what the server serves")
    func unknownModel() async throws {
        let server = try MisbehavingServer { _, _ in
            .reply(status: 200, body: MisbehavingServer.models(["qwen2-vl-7b"]))
        }
        do {
            try await Self.scorer(server).checkServer()
            Issue.record("expected an unknown-model error")
        } catch {
            #expect("\(error)".contains("does not serve the model 'tiny' (it serves: qwen2-vl-7b)"))
        }
    }

    @Test("cancelling the task cancels the request in flight")
    func cancellation() async throws {
        let server = try MisbehavingServer { _, _ in
            .reply(status: 200, body: MisbehavingServer.completion(Self.valid), delay: 60)
        }
        // Were the request not cancelled, the valid reply would arrive after 60 s and be returned.
        let scorer = try Self.scorer(server, timeout: 120)
        let task = Task { try await scorer.assess(Self.input, context: .empty) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
