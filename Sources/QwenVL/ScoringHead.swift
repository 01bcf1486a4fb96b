import GGUF
import Tensor

/// A linear scoring head on the language model's final hidden state (after the output norm) at the scoring token:
/// five values, one per rubric dimension on the 0–20 scale. Stored as GGUF tensors `score_head.weight`
/// (ggml dims [hidden, 5]: five rows of `hidden` values) and `score_head.bias` [5], with the scoring token's id in
/// the key `score_head.token_id`, either in the text GGUF itself or in a small GGUF of its own
/// (`general.architecture` = "score_head"). An optional `score_head.dimensions` string array names the rows
/// (default: originality, color, texture, composition, content).
public struct ScoringHead: Sendable {
    /// The token whose hidden state is scored (a spare row of the vocabulary, e.g. a `[PAD…]` id).
    public let tokenID: Int
    /// `5 × hidden` weights, row-major.
    public let weight: [Float]
    /// Five biases.
    public let bias: [Float]
    /// Width of the hidden state.
    public let hidden: Int
    /// The file the head came from.
    public let path: String

    /// Dimension names in the order of the rows.
    public static let dimensions = ["originality", "color", "texture", "composition", "content"]

    /// Whether a GGUF file holds a scoring head.
    public static func present(in file: GGUFFile) -> Bool { file.tensor("score_head.weight") != nil }

    /// Reads the head from an open GGUF file.
    public init(file: GGUFFile) throws(QwenVLError) {
        path = file.path
        guard let info = file.tensor("score_head.weight") else {
            throw .badScoreHead(file: file.path, reason: "it has no score_head.weight tensor")
        }
        guard info.dims.count == 2, info.rows == 5 else {
            throw .badScoreHead(
                file: file.path, reason: "score_head.weight has dims \(info.dims), expected [hidden, 5]")
        }
        do {
            hidden = info.cols
            weight = try file.floats("score_head.weight")
            bias = try file.floats("score_head.bias", count: 5)
            tokenID = try file.metadata.int("score_head.token_id")
            if file.metadata.contains("score_head.dimensions") {
                let names = try file.metadata.strings("score_head.dimensions")
                guard names == Self.dimensions else {
                    throw QwenVLError.badScoreHead(
                        file: file.path, reason: "score_head.dimensions is \(names), expected \(Self.dimensions)")
                }
            }
        } catch let error as QwenVLError {
            throw error
        } catch {
            throw .badScoreHead(file: file.path, reason: String(describing: error))
        }
    }

    /// Opens a GGUF file and reads its head.
    public init(path: String) throws(QwenVLError) {
        let file: GGUFFile
        do { file = try GGUFFile(path: path) } catch { throw .file(error.description) }
        try self.init(file: file)
    }

    /// The head stored in a text GGUF, or nil when it has none.
    public static func embedded(inTextModel path: String) throws(QwenVLError) -> ScoringHead? {
        let file: GGUFFile
        do { file = try GGUFFile(path: path) } catch { throw .file(error.description) }
        return present(in: file) ? try ScoringHead(file: file) : nil
    }

    /// Checks that the head fits a language model.
    public func check(against config: Qwen2Config, textPath: String) throws(QwenVLError) {
        guard hidden == config.hidden else {
            throw .badScoreHead(
                file: path, reason: "its width is \(hidden) but \(textPath) has width \(config.hidden)")
        }
        guard tokenID >= 0, tokenID < config.vocabularySize else {
            throw .badScoreHead(
                file: path,
                reason: "score_head.token_id \(tokenID) is outside the vocabulary (0..<\(config.vocabularySize))")
        }
    }

    /// The five raw values for one hidden state (`hidden` values).
    public func values(_ state: ArraySlice<Float>) -> [Float] {
        let x = Array(state)
        return (0..<5).map { r in
            weight.withUnsafeBufferPointer { w in
                x.withUnsafeBufferPointer {
                    VectorMath.dot(w.baseAddress! + r * hidden, $0.baseAddress!, count: hidden)
                }
            } + bias[r]
        }
    }
}
