/// One conversation with the language model: a KV cache plus the next rotary position, which after an image runs
/// ahead of the slot count (an image of h × w merged tokens fills h·w slots but advances positions by max(h, w)).
/// Prompt tokens go in with ``prefill(_:images:)``; each `<|image_pad|>` run takes the next image's features and
/// 3-D M-RoPE positions, and the text after it continues from the largest position + 1.
public final class MultimodalSession {
    /// The model.
    public let model: QwenVLModel
    /// The keys and values so far.
    public let cache: KVCache
    /// Rotary position of the next token.
    public private(set) var nextPosition = 0
    /// Precision of single-row products.
    public let precision: Qwen2LanguageModel.Precision

    /// An empty session that holds up to `capacity` tokens.
    public init(model: QwenVLModel, capacity: Int, precision: Qwen2LanguageModel.Precision = .quantized)
        throws(QwenVLError)
    {
        guard capacity <= model.language.config.contextLength else {
            throw .contextFull(needed: capacity, capacity: model.language.config.contextLength)
        }
        self.model = model
        self.precision = precision
        cache = KVCache(config: model.language.config, capacity: capacity)
    }

    /// A session that starts after `prefix` (its keys and values copied in); prefill the rest of the prompt.
    public convenience init(
        model: QwenVLModel, capacity: Int, prefix: PromptPrefix, precision: Qwen2LanguageModel.Precision = .quantized
    ) throws(QwenVLError) {
        try self.init(model: model, capacity: capacity, precision: precision)
        cache.copyPrefix(of: prefix.cache, count: prefix.tokens.count)
        nextPosition = prefix.tokens.count
    }

    /// Feeds one token to each session in one batched step (every weight read serves all of them) and returns
    /// their final hidden states (`sessions.count × hidden`); the same as ``step(_:)`` on each, bit for bit, at
    /// `.quantized` precision.
    public static func step(_ sessions: [MultimodalSession], tokens: [Int]) throws(QwenVLError) -> [Float] {
        precondition(sessions.count == tokens.count, "step: one token per session")
        guard let model = sessions.first?.model else { return [] }
        if sessions.count == 1 || sessions.contains(where: { $0.precision != .quantized }) {
            var hidden: [Float] = []
            for (session, token) in zip(sessions, tokens) { hidden += try session.step(token) }
            return hidden
        }
        let hidden = try model.language.decode(
            tokens, positions: sessions.map { MRoPEPosition(text: $0.nextPosition) }, caches: sessions.map(\.cache))
        for session in sessions { session.nextPosition += 1 }
        return hidden
    }

    /// Runs prompt tokens through the model and returns their final hidden states (`tokens.count × hidden`).
    /// Image `k` fills the k-th run of `<|image_pad|>` tokens, whose length must be the image's merged token count
    /// (see ``QwenVLModel/expandImagePads(_:images:)``).
    public func prefill(_ tokens: [Int], images: [EncodedImage] = []) throws(QwenVLError) -> [Float] {
        let rows = try model.promptRows(tokens, images: images, start: nextPosition)
        nextPosition = rows.nextPosition
        return try model.language.forward(
            rows.embeddings, positions: rows.positions, cache: cache, precision: precision)
    }

    /// Feeds one token and returns its final hidden state.
    public func step(_ token: Int) throws(QwenVLError) -> [Float] {
        let hidden = try model.language.forward(
            try model.language.embed([token]), positions: [MRoPEPosition(text: nextPosition)], cache: cache,
            precision: precision)
        nextPosition += 1
        return hidden
    }

    /// The logits of row `row` of hidden states.
    public func logits(_ hidden: [Float], row: Int) -> [Float] {
        model.language.logits(hidden: hidden, row: row, precision: precision)
    }
}

/// An image ready for the language model: its patch grid and the vision tower's features.
public struct EncodedImage: Sendable {
    /// The patches the features came from (their grid gives the M-RoPE positions).
    public var patches: ImagePatches
    /// `mergedTokenCount × hidden` features.
    public var features: [Float]

    /// Pairs patches with their features.
    public init(patches: ImagePatches, features: [Float]) {
        self.patches = patches
        self.features = features
    }
}
