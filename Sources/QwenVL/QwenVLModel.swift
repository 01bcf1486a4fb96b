import Dispatch
import GGUF
import Tokenizer

/// A Qwen2-VL model ready to generate: the text GGUF's language model and tokenizer.
public final class QwenVLModel: @unchecked Sendable {
    /// The language model.
    public let language: Qwen2LanguageModel
    /// The tokenizer from the file's `tokenizer.ggml.*` keys.
    public let tokenizer: BPETokenizer
    /// Tokens that end a turn: `<|im_end|>`, `<|endoftext|>` and the file's EOS token.
    public let stopTokens: Set<Int>

    /// Opens a text GGUF (memory-mapped) and builds the model and tokenizer.
    public convenience init(path: String) throws(QwenVLError) {
        let file: GGUFFile
        do { file = try GGUFFile(path: path) } catch { throw .file(error.description) }
        try self.init(file: file)
    }

    /// Builds the model and tokenizer of an open GGUF file.
    public init(file: GGUFFile) throws(QwenVLError) {
        language = try Qwen2LanguageModel(file: file)
        let meta = file.metadata
        do {
            let model = try meta.string("tokenizer.ggml.model")
            guard model == "gpt2" else {
                throw QwenVLError.tokenizer(
                    file: file.path, reason: "tokenizer.ggml.model is \"\(model)\", not gpt2 (BPE)")
            }
            let types = meta.contains("tokenizer.ggml.token_type") ? try meta.ints("tokenizer.ggml.token_type") : []
            tokenizer = try BPETokenizer(
                tokens: try meta.strings("tokenizer.ggml.tokens"), merges: try meta.strings("tokenizer.ggml.merges"),
                tokenTypes: types.map { Int32(truncatingIfNeeded: $0) },
                preTokenizer: try meta.string("tokenizer.ggml.pre", default: "qwen2"))
            var stops = Set(["<|im_end|>", "<|endoftext|>"].compactMap(tokenizer.specialTokenID))
            if let eos = try? meta.int("tokenizer.ggml.eos_token_id") { stops.insert(eos) }
            stopTokens = stops
        } catch let error as QwenVLError {
            throw error
        } catch let error as TokenizerError {
            throw .tokenizer(file: file.path, reason: error.description)
        } catch {
            throw .file(String(describing: error))
        }
        guard tokenizer.vocabularySize <= language.config.vocabularySize else {
            throw .tokenizer(
                file: file.path,
                reason: "\(tokenizer.vocabularySize) tokens but only \(language.config.vocabularySize) embedding rows")
        }
    }

    /// Generates from prompt token ids. `onText` receives the text as it becomes complete (UTF-8 sequences split
    /// across tokens are held back until whole).
    public func generate(
        prompt: [Int], options: GenerationOptions = GenerationOptions(), onText: ((String) -> Void)? = nil
    ) throws(QwenVLError) -> GenerationResult {
        guard !prompt.isEmpty else { throw .emptyPrompt }
        return try generate(
            prompt: prompt, embeddings: try language.embed(prompt),
            positions: prompt.indices.map { MRoPEPosition(text: $0) },
            options: options, onText: onText)
    }

    /// Generates from prepared prompt rows: `embeddings` (`prompt.count × hidden`, e.g. with the rows of image
    /// tokens replaced by vision features) at 3-axis M-RoPE `positions`. Generated tokens continue at one past the
    /// largest prompt position, on all three axes, while their cache slots continue at `prompt.count`.
    public func generate(
        prompt: [Int], embeddings: [Float], positions: [MRoPEPosition],
        options: GenerationOptions = GenerationOptions(),
        onText: ((String) -> Void)? = nil
    ) throws(QwenVLError) -> GenerationResult {
        guard !prompt.isEmpty else { throw .emptyPrompt }
        guard positions.count == prompt.count, embeddings.count == prompt.count * language.config.hidden else {
            throw .badOption(
                "prompt embeddings (\(embeddings.count) values) and positions (\(positions.count)) do not fit "
                    + "\(prompt.count) tokens of width \(language.config.hidden)")
        }
        guard options.maxTokens > 0 else { throw .badOption("--max-tokens must be at least 1") }
        var sampler = try Sampler(
            temperature: options.temperature, topK: options.topK, topP: options.topP, seed: options.seed)
        let capacity = prompt.count + options.maxTokens
        guard capacity <= language.config.contextLength else {
            throw .contextFull(needed: capacity, capacity: language.config.contextLength)
        }
        let cache = KVCache(config: language.config, capacity: capacity)
        let start = DispatchTime.now()
        let hidden = try language.forward(embeddings, positions: positions, cache: cache, precision: options.precision)
        var logits = language.logits(hidden: hidden, row: prompt.count - 1, precision: options.precision)
        let prefillEnd = DispatchTime.now()
        let topLogits = Sampler.top(logits, count: 5)
        var tokens: [Int] = []
        var text = ""
        var decoder = UTF8StreamDecoder()
        var reason = GenerationResult.StopReason.maxTokens
        var steps = 0
        var position = (positions.map { max($0.t, $0.h, $0.w) }.max() ?? -1) + 1
        while true {
            let token = sampler.next(logits)
            tokens.append(token)
            if (options.stopAtEndOfTurn && stopTokens.contains(token)) || options.extraStopTokens.contains(token) {
                reason = .endOfTurn
                break
            }
            let piece = decoder.decode(tokenizer.bytes(of: token))
            text += piece
            if !piece.isEmpty { onText?(piece) }
            if tokens.count >= options.maxTokens { break }
            let next = try language.forward(
                try language.embed([token]), positions: [MRoPEPosition(text: position)], cache: cache,
                precision: options.precision)
            position += 1
            logits = language.logits(hidden: next, row: 0, precision: options.precision)
            steps += 1
        }
        let rest = decoder.finish()
        text += rest
        if !rest.isEmpty { onText?(rest) }
        let end = DispatchTime.now()
        return GenerationResult(
            promptTokens: prompt, tokens: tokens, text: text, topLogits: topLogits,
            promptSeconds: Self.seconds(start, prefillEnd), generationSeconds: Self.seconds(prefillEnd, end),
            decodeSteps: steps, stopReason: reason)
    }

    private static func seconds(_ a: DispatchTime, _ b: DispatchTime) -> Double {
        Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9
    }
}
