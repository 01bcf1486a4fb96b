import Foundation
import Grading
import QwenVL
import Rubric
import Synchronization

/// Grades against a model server that speaks the OpenAI chat-completions API (vLLM, llama.cpp's server, Ollama):
/// the local VLM's rubric prompt and user turn with the artwork's image and description, a structured reply
/// validated on arrival, many artworks in flight at once over one keep-alive ``RemoteClient``.
///
/// A reply that is not a valid assessment is asked for once more, then reported as the artwork's one-line error;
/// it is never stored. A server that refuses `response_format` (HTTP 400 naming it) is asked for the plain text
/// template from then on. The version names the model, the endpoint's host, the format and the prompt's hash, so
/// assessments from different servers or prompts stay apart.
public final class RemoteScorer: Scorer, Sendable {
    /// The scorer's identifier.
    public static let identifier = "remote"
    /// The default critique bound in characters: the rubric asks for 60–150 words.
    public static let defaultCritiqueLimit = 1200

    /// The HTTP client.
    public let client: RemoteClient
    /// The served model's name.
    public let model: String
    /// The pixel budget images are resized to (Qwen2-VL's `max_pixels`).
    public let maxPixels: Int
    /// Most characters of a critique.
    public let critiqueLimit: Int
    /// Requests in flight at once.
    public let concurrency: Int
    private let format: Mutex<ReplyFormat>

    /// A scorer for `model` on the client's server.
    public init(
        client: RemoteClient, model: String, format: ReplyFormat = .json, concurrency: Int = 4,
        maxPixels: Int = ImagePreprocessor.defaultMaxPixels, critiqueLimit: Int = defaultCritiqueLimit
    ) {
        self.client = client
        self.model = model
        self.format = Mutex(format)
        self.concurrency = max(1, concurrency)
        self.maxPixels = maxPixels
        self.critiqueLimit = critiqueLimit
    }

    /// "remote".
    public var id: String { Self.identifier }
    /// The format requests use now (``ReplyFormat/template`` after a server refused the JSON schema).
    public var replyFormat: ReplyFormat { format.withLock { $0 } }
    /// `MODEL@HOST+FORMAT+prompt-HASH`, with `+maxNpx` when the image budget is not the default.
    public var version: String { version(for: replyFormat) }
    /// Decode at about twice the side the resize keeps, as the local VLM does.
    public var preferredLongestSide: Int { 2 * Int(Double(maxPixels).squareRoot()) }

    func version(for format: ReplyFormat) -> String {
        "\(model)@\(client.endpoint.host)+\(format.rawValue)"
            + (maxPixels == ImagePreprocessor.defaultMaxPixels ? "" : "+max\(maxPixels)px")
            + "+prompt-\(ChatRequest.promptHash(format: format, critiqueLimit: critiqueLimit))"
    }

    /// Checks that the server answers and serves ``model`` (nothing about any artwork is sent).
    public func checkServer() async throws {
        let served = try await client.servedModels()
        guard served.contains(model) else {
            throw RemoteError.unknownModel(host: client.endpoint.host, model: model, served: served)
        }
    }

    /// Grades one artwork: one request (two when the first reply is not a valid assessment).
    public func assess(_ artwork: ArtworkInput, context: ClassContext) async throws -> Assessment {
        let start = ContinuousClock.now
        let payload = try ImagePayload(artwork.image, maxPixels: maxPixels)
        let imageURL = payload.dataURL
        var problem = RemoteError.badReply("no reply")
        for _ in 0..<2 {
            let format = replyFormat
            let body = ChatRequest.body(
                model: model, imageURL: imageURL, description: artwork.description, format: format,
                critiqueLimit: critiqueLimit)
            let completion: RemoteClient.Completion
            do {
                completion = try await client.complete(body)
            } catch RemoteError.http(_, 400, let message) where format == .json && message.contains("response_format") {
                self.format.withLock { $0 = .template }
                continue
            } catch let error as RemoteError {
                guard case .badReply = error else { throw error }
                problem = error
                continue
            }
            do {
                let parsed = try format.parse(completion.content, critiqueLimit: critiqueLimit)
                guard completion.finishReason != "length" else {
                    throw RemoteError.badReply("cut off at the token limit")
                }
                let elapsed = ContinuousClock.now - start
                return Assessment(
                    scores: parsed.scores, critique: parsed.critique, evidence: [], scorerID: id,
                    scorerVersion: version(for: format),
                    duration: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            } catch let error as RemoteError {
                problem = error
            }
        }
        throw problem
    }
}

extension RemoteScorer {
    /// What leaves the machine, in one line, for the teacher to agree to before the first request to an endpoint.
    public var disclosure: String {
        "grading with \(model) at \(client.endpoint.host) sends each artwork's image (resized to at most "
            + "\(maxPixels) pixels, no metadata) and its description, never the student's name; the server "
            + "keeps what its operator configures"
    }
}
