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

    /// Runs prompt tokens through the model and returns their final hidden states (`tokens.count × hidden`).
    /// Image `k` fills the k-th run of `<|image_pad|>` tokens, whose length must be the image's merged token count
    /// (see ``QwenVLModel/expandImagePads(_:images:)``).
    public func prefill(_ tokens: [Int], images: [EncodedImage] = []) throws(QwenVLError) -> [Float] {
        guard !tokens.isEmpty else { throw .emptyPrompt }
        let language = model.language
        let hidden = language.config.hidden
        var embeddings = try language.embed(tokens)
        var positions: [MRoPEPosition] = []
        positions.reserveCapacity(tokens.count)
        let runs = model.imagePadRuns(tokens)
        guard runs.count == images.count else {
            throw .badImage("the prompt has \(runs.count) image placeholders but \(images.count) images were given")
        }
        var index = 0
        for (run, image) in zip(runs, images) {
            guard run.count == image.patches.mergedTokenCount, image.features.count == run.count * hidden else {
                throw .badImage(
                    "an image placeholder of \(run.count) tokens does not fit an image of "
                        + "\(image.patches.mergedTokenCount) tokens of width \(image.features.count / max(1, run.count))"
                )
            }
            while index < run.lowerBound {
                positions.append(MRoPEPosition(text: nextPosition))
                nextPosition += 1
                index += 1
            }
            positions += image.patches.ropePositions(start: nextPosition)
            nextPosition += image.patches.positionSpan
            embeddings.replaceSubrange(run.lowerBound * hidden..<run.upperBound * hidden, with: image.features)
            index = run.upperBound
        }
        while index < tokens.count {
            positions.append(MRoPEPosition(text: nextPosition))
            nextPosition += 1
            index += 1
        }
        return try language.forward(embeddings, positions: positions, cache: cache, precision: precision)
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
