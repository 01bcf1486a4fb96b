import Dispatch
import Tokenizer

extension QwenVLModel {
    /// The id of `<|image_pad|>`, if the vocabulary has it.
    public var imagePadID: Int? { tokenizer.specialTokenID("<|image_pad|>") }

    /// Index ranges of the maximal runs of `<|image_pad|>` tokens.
    func imagePadRuns(_ tokens: [Int]) -> [Range<Int>] {
        guard let pad = imagePadID else { return [] }
        var runs: [Range<Int>] = []
        var i = 0
        while i < tokens.count {
            if tokens[i] == pad {
                var j = i
                while j < tokens.count && tokens[j] == pad { j += 1 }
                runs.append(i..<j)
                i = j
            } else {
                i += 1
            }
        }
        return runs
    }

    /// The prompt with each single `<|image_pad|>` expanded to its image's token count (runs that already have
    /// the right length are kept).
    public func expandImagePads(_ tokens: [Int], images: [ImagePatches]) throws(QwenVLError) -> [Int] {
        let runs = imagePadRuns(tokens)
        guard let pad = imagePadID, runs.count == images.count else {
            throw .badImage(
                "the prompt has \(runs.count) <|image_pad|> placeholders but \(images.count) images were given; "
                    + "put one <|image_pad|> (or --chat) per image")
        }
        var out: [Int] = []
        var index = 0
        for (run, image) in zip(runs, images) {
            guard run.count == 1 || run.count == image.mergedTokenCount else {
                throw .badImage(
                    "an image placeholder of \(run.count) tokens does not fit an image of \(image.mergedTokenCount)")
            }
            out += tokens[index..<run.lowerBound]
            out += [Int](repeating: pad, count: image.mergedTokenCount)
            index = run.upperBound
        }
        return out + tokens[index...]
    }

    /// Checks that a vision tower's output width is this model's width.
    public func check(vision: VisionTower) throws(QwenVLError) {
        guard vision.config.projectionWidth == language.config.hidden else {
            throw .widthMismatch(
                vision: vision.file.path, projection: vision.config.projectionWidth, text: language.file.path,
                hidden: language.config.hidden)
        }
    }

    /// The prompt's input rows: token embeddings with each `<|image_pad|>` run replaced by the next image's
    /// features, and M-RoPE positions from `start` (an image advances them by max(h, w), the text after it
    /// continues from there); `nextPosition` is the position of the token after the prompt.
    public func promptRows(_ tokens: [Int], images: [EncodedImage], start: Int = 0) throws(QwenVLError) -> (
        embeddings: [Float], positions: [MRoPEPosition], nextPosition: Int
    ) {
        guard !tokens.isEmpty else { throw .emptyPrompt }
        let hidden = language.config.hidden
        var embeddings = try language.embed(tokens)
        var positions: [MRoPEPosition] = []
        positions.reserveCapacity(tokens.count)
        let runs = imagePadRuns(tokens)
        guard runs.count == images.count else {
            throw .badImage("the prompt has \(runs.count) image placeholders but \(images.count) images were given")
        }
        var next = start
        var index = 0
        for (run, image) in zip(runs, images) {
            guard run.count == image.patches.mergedTokenCount, image.features.count == run.count * hidden else {
                throw .badImage(
                    "an image placeholder of \(run.count) tokens does not fit an image of "
                        + "\(image.patches.mergedTokenCount) tokens of width \(image.features.count / max(1, run.count))"
                )
            }
            for _ in index..<run.lowerBound {
                positions.append(MRoPEPosition(text: next))
                next += 1
            }
            positions += image.patches.ropePositions(start: next)
            next += image.patches.positionSpan
            embeddings.replaceSubrange(run.lowerBound * hidden..<run.upperBound * hidden, with: image.features)
            index = run.upperBound
        }
        for _ in index..<tokens.count {
            positions.append(MRoPEPosition(text: next))
            next += 1
        }
        return (embeddings, positions, next)
    }

    /// Generates with images in context: `prompt` holds one `<|image_pad|>` (or a run of the right length) per
    /// image; the images are encoded by `vision` first (their time counts as prompt time).
    public func generate(
        prompt: [Int], images: [ImagePatches], vision: VisionTower, options: GenerationOptions = GenerationOptions(),
        onText: ((String) -> Void)? = nil
    ) throws(QwenVLError) -> GenerationResult {
        try check(vision: vision)
        let start = DispatchTime.now()
        var encoded: [EncodedImage] = []
        for patches in images { encoded.append(EncodedImage(patches: patches, features: try vision.encode(patches))) }
        let tokens = try expandImagePads(prompt, images: images)
        let rows = try promptRows(tokens, images: encoded)
        let encodeSeconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        var result = try generate(
            prompt: tokens, embeddings: rows.embeddings, positions: rows.positions, options: options, onText: onText)
        result.promptSeconds += encodeSeconds
        return result
    }
}
