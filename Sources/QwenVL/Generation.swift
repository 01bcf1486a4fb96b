/// How to generate.
public struct GenerationOptions: Sendable {
    /// Most tokens to generate.
    public var maxTokens: Int
    /// 0 for greedy decoding.
    public var temperature: Float
    /// Sample among this many most likely tokens (0: all).
    public var topK: Int
    /// Nucleus sampling threshold (1: off).
    public var topP: Float
    /// Seed of the sampling random stream.
    public var seed: UInt64
    /// Whether `<|im_end|>` / `<|endoftext|>` end the generation (tests turn this off to compare fixed lengths).
    public var stopAtEndOfTurn: Bool
    /// More token ids that end the generation.
    public var extraStopTokens: Set<Int>
    /// Whether decode keeps activations in f32 (see `Qwen2LanguageModel.Precision`).
    public var precision: Qwen2LanguageModel.Precision

    /// Options; the defaults are greedy decoding of up to 128 tokens.
    public init(
        maxTokens: Int = 128, temperature: Float = 0, topK: Int = 40, topP: Float = 0.95, seed: UInt64 = 0,
        stopAtEndOfTurn: Bool = true, extraStopTokens: Set<Int> = [],
        precision: Qwen2LanguageModel.Precision = .quantized
    ) {
        self.precision = precision
        self.extraStopTokens = extraStopTokens
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.seed = seed
        self.stopAtEndOfTurn = stopAtEndOfTurn
    }
}

/// What a generation produced, with its timings.
public struct GenerationResult: Sendable {
    /// Why generation ended.
    public enum StopReason: String, Sendable {
        /// A stop token was generated (it is the last of `tokens` and not part of `text`).
        case endOfTurn = "end_of_turn"
        /// `maxTokens` tokens were generated.
        case maxTokens = "max_tokens"
    }

    /// The prompt's token ids.
    public var promptTokens: [Int]
    /// The generated token ids.
    public var tokens: [Int]
    /// The generated text (without the stop token).
    public var text: String
    /// The five highest logits of the first generated step as (id, logit), highest first.
    public var topLogits: [(id: Int, logit: Float)]
    /// Seconds spent on the prompt (prefill and its logits).
    public var promptSeconds: Double
    /// Seconds spent on the decode steps after the first token.
    public var generationSeconds: Double
    /// Decode forward passes run (one per generated token after the first).
    public var decodeSteps: Int
    /// Why generation ended.
    public var stopReason: StopReason

    /// Prompt tokens per second.
    public var promptTokensPerSecond: Double { promptSeconds > 0 ? Double(promptTokens.count) / promptSeconds : 0 }
    /// Decoded tokens per second.
    public var generationTokensPerSecond: Double {
        generationSeconds > 0 ? Double(decodeSteps) / generationSeconds : 0
    }
}
