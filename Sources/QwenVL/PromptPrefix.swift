import Tensor

/// A prompt prefix run through the model once (e.g. the rubric's system turn, the same for every artwork of a
/// class): its tokens and their keys and values. A ``MultimodalSession`` made from it starts after the prefix, so
/// only the rest of each prompt is prefilled. The prefix must be text only (positions 0..<count on every M-RoPE
/// axis). Greedy output from a prefix session is token-identical to a full prefill because the prefix and the rest
/// both take the f32 `gemm` path: each must be at least `WeightMatrix.gemmMinimumRows` tokens (fewer rows would
/// take the 8-bit `gemv` path and round differently), which ``init(model:tokens:)`` and ``isPrefix(of:)`` enforce.
public final class PromptPrefix: @unchecked Sendable {
    /// The prefix's tokens.
    public let tokens: [Int]
    /// Their keys and values.
    let cache: KVCache

    /// Prefills `tokens` once.
    public init(model: QwenVLModel, tokens: [Int]) throws(QwenVLError) {
        guard tokens.count >= WeightMatrix.gemmMinimumRows else {
            throw .badOption("a cached prompt prefix needs at least \(WeightMatrix.gemmMinimumRows) tokens")
        }
        self.tokens = tokens
        cache = KVCache(config: model.language.config, capacity: tokens.count)
        _ = try model.language.forward(
            try model.language.embed(tokens), positions: (0..<tokens.count).map { MRoPEPosition(text: $0) },
            cache: cache)
    }

    /// Whether `prompt` starts with the prefix and has at least `WeightMatrix.gemmMinimumRows` tokens after it.
    public func isPrefix(of prompt: [Int]) -> Bool {
        prompt.count >= tokens.count + WeightMatrix.gemmMinimumRows && prompt.starts(with: tokens)
    }
}
