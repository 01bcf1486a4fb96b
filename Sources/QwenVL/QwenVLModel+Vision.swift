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

    /// Generates with images in context: `prompt` holds one `<|image_pad|>` (or a run of the right length) per
    /// image; the images are encoded by `vision` first.
    public func generate(
        prompt: [Int], images: [ImagePatches], vision: VisionTower, options: GenerationOptions = GenerationOptions(),
        onText: ((String) -> Void)? = nil
    ) throws(QwenVLError) -> GenerationResult {
        try check(vision: vision)
        guard options.maxTokens > 0 else { throw .badOption("--max-tokens must be at least 1") }
        let start = DispatchTime.now()
        let encoded = try images.map { (p) throws(QwenVLError) in
            EncodedImage(patches: p, features: try vision.encode(p))
        }
        let tokens = try expandImagePads(prompt, images: images)
        var sampler = try Sampler(
            temperature: options.temperature, topK: options.topK, topP: options.topP, seed: options.seed)
        let session = try MultimodalSession(
            model: self, capacity: tokens.count + options.maxTokens, precision: options.precision)
        let hidden = try session.prefill(tokens, images: encoded)
        var logits = session.logits(hidden, row: tokens.count - 1)
        let prefillEnd = DispatchTime.now()
        let topLogits = Sampler.top(logits, count: 5)
        var generated: [Int] = []
        var text = ""
        var decoder = UTF8StreamDecoder()
        var reason = GenerationResult.StopReason.maxTokens
        var steps = 0
        while true {
            let token = sampler.next(logits)
            generated.append(token)
            if (options.stopAtEndOfTurn && stopTokens.contains(token)) || options.extraStopTokens.contains(token) {
                reason = .endOfTurn
                break
            }
            let piece = decoder.decode(tokenizer.bytes(of: token))
            text += piece
            if !piece.isEmpty { onText?(piece) }
            if generated.count >= options.maxTokens { break }
            logits = session.logits(try session.step(token), row: 0)
            steps += 1
        }
        let rest = decoder.finish()
        text += rest
        if !rest.isEmpty { onText?(rest) }
        let end = DispatchTime.now()
        let seconds = { (a: DispatchTime, b: DispatchTime) in Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9 }
        return GenerationResult(
            promptTokens: tokens, tokens: generated, text: text, topLogits: topLogits,
            promptSeconds: seconds(start, prefillEnd), generationSeconds: seconds(prefillEnd, end),
            decodeSteps: steps, stopReason: reason)
    }
}
