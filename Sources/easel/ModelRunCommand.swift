import ArgumentParser
import Foundation
import Imaging
import QwenVL
import TerminalSafety
import Tokenizer

/// `easel model run`: generate text with a Qwen2-VL text GGUF on the CPU.
struct ModelRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Generate text with a local Qwen2-VL GGUF model.",
        discussion: """
            The prompt is tokenized with special tokens such as <|im_start|> recognised; --chat wraps it in the \
            Qwen2-VL chat template first. Generation stops at <|im_end|> or <|endoftext|>. With --json, stdout is \
            one JSON object (keys sorted): prompt_tokens, stop_reason, text, timings, tokens, top_logits (the five \
            highest [id, logit] of the first generated step).
            """
    )

    @Option(help: "The text model GGUF (llama.cpp qwen2vl).")
    var model: String

    @Option(help: "The vision projector GGUF (mmproj); needs --image.")
    var mmproj: String?

    @Option(help: "An image for the prompt's <|image_pad|> (--chat puts it before the text); needs --mmproj.")
    var image: String?

    @Option(help: "Most pixels of the resized image (28×28 per image token; the default keeps 256 tokens).")
    var maxPixels = ImagePreprocessor.defaultMaxPixels

    @Option(help: "Prompt text.")
    var prompt: String?

    @Option(help: "Prompt token ids, comma-separated (instead of --prompt).")
    var tokens: String?

    @Flag(help: "Wrap --prompt in the Qwen2-VL chat template as one user message.")
    var chat = false

    @Option(help: "Most tokens to generate.")
    var maxTokens = 128

    @Option(help: "Sampling temperature; 0 is greedy.")
    var temperature: Float = 0

    @Option(help: "Sample among this many most likely tokens (0: all).")
    var topK = 40

    @Option(help: "Nucleus sampling threshold in (0, 1].")
    var topP: Float = 0.95

    @Option(help: "Seed of the sampling random stream.")
    var seed: UInt64 = 0

    @Flag(help: "Keep decode activations in f32 instead of 8-bit blocks (slower; matches float references).")
    var exact = false

    @Flag(help: "Print one JSON object instead of streaming the text.")
    var json = false

    func validate() throws {
        guard (prompt == nil) != (tokens == nil) else {
            throw ValidationError("give exactly one of --prompt or --tokens")
        }
        guard !chat || prompt != nil else { throw ValidationError("--chat needs --prompt") }
        guard (mmproj == nil) == (image == nil) else { throw ValidationError("--mmproj and --image go together") }
        guard maxTokens > 0 else { throw ValidationError("--max-tokens must be at least 1") }
    }

    func run() async throws {
        let engine = try QwenVLModel(path: model)
        let ids = try promptTokens(engine.tokenizer)
        let options = GenerationOptions(
            maxTokens: maxTokens, temperature: temperature, topK: topK, topP: topP, seed: seed,
            precision: exact ? .exact : .quantized)
        var vision: (tower: VisionTower, patches: ImagePatches)?
        if let mmproj, let image {
            let tower = try VisionTower(path: mmproj)
            try engine.check(vision: tower)
            let picture: RGBImage
            do { picture = try ImageDecoder.decode(contentsOf: URL(fileURLWithPath: image)) } catch {
                throw CommandFailure("\(image): \(error)")
            }
            let patches = try tower.preprocessor(maxPixels: maxPixels).patches(
                rgb: picture.pixels, width: picture.width, height: picture.height)
            vision = (tower, patches)
        }
        let generate = { (onText: ((String) -> Void)?) throws -> GenerationResult in
            if let vision {
                return try engine.generate(
                    prompt: ids, images: [vision.patches], vision: vision.tower, options: options, onText: onText)
            }
            return try engine.generate(prompt: ids, options: options, onText: onText)
        }
        if json {
            let result = try generate(nil)
            Console.out("\(lines: try Self.json(result))")
        } else {
            let result = try generate { piece in
                Console.outPiece("\(lines: piece)")
            }
            Console.out("")
            let line = String(
                format: "prompt %d tokens, %.1f tokens/s; generated %d tokens, %.1f tokens/s; stop: %@",
                result.promptTokens.count, result.promptTokensPerSecond, result.tokens.count,
                result.generationTokensPerSecond, result.stopReason.rawValue)
            Console.error("\(line)")
        }
    }

    /// The prompt's token ids from --tokens, or --prompt tokenized (with the chat template when --chat).
    func promptTokens(_ tokenizer: BPETokenizer) throws -> [Int] {
        if let tokens {
            return try tokens.split(separator: ",", omittingEmptySubsequences: false).map { part in
                guard let id = Int(part.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--tokens must be comma-separated integers; \"\(part)\" is not one")
                }
                return id
            }
        }
        let text = prompt ?? ""
        let parts: [ChatMessage.Part] = image == nil ? [.text(text)] : [.image, .text(text)]
        return tokenizer.encode(chat ? ChatTemplate.qwen2VL([ChatMessage(role: .user, parts: parts)]) : text)
    }

    /// The result as the one JSON object of `--json`.
    /// A logit or timing that is not a number (a damaged model) is written as `null`, with a warning on stderr,
    /// instead of failing the whole object with an EncodingError.
    static func json(_ result: GenerationResult) throws -> String {
        if result.topLogits.contains(where: { !$0.logit.isFinite }) {
            Console.error(
                "warning: the model produced logits that are not numbers (NaN or infinity), written as null; "
                    + "the model file may be damaged")
        }
        let object = RunOutput(
            promptTokens: result.promptTokens, tokens: result.tokens, text: result.text,
            topLogits: result.topLogits.map { TopLogit(id: $0.id, logit: $0.logit) },
            stopReason: result.stopReason.rawValue,
            timings: Timings(
                promptTokensPerSecond: result.promptTokensPerSecond,
                generationTokensPerSecond: result.generationTokensPerSecond, promptSeconds: result.promptSeconds,
                generationSeconds: result.generationSeconds))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(object), as: UTF8.self)
    }
}

/// The `--json` object.
private struct RunOutput: Encodable {
    let promptTokens: [Int]
    let tokens: [Int]
    let text: String
    let topLogits: [TopLogit]
    let stopReason: String
    let timings: Timings

    enum CodingKeys: String, CodingKey {
        case text, tokens, timings
        case promptTokens = "prompt_tokens"
        case topLogits = "top_logits"
        case stopReason = "stop_reason"
    }
}

/// One `[id, logit]` pair.
private struct TopLogit: Encodable {
    let id: Int
    let logit: Float

    func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(id)
        if logit.isFinite { try container.encode(logit) } else { try container.encodeNil() }
    }
}

/// Throughput and time of the two phases.
private struct Timings: Encodable {
    let promptTokensPerSecond: Double
    let generationTokensPerSecond: Double
    let promptSeconds: Double
    let generationSeconds: Double

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, value) in [
            (CodingKeys.promptTokensPerSecond, promptTokensPerSecond),
            (.generationTokensPerSecond, generationTokensPerSecond), (.promptSeconds, promptSeconds),
            (.generationSeconds, generationSeconds),
        ] {
            if value.isFinite { try container.encode(value, forKey: key) } else { try container.encodeNil(forKey: key) }
        }
    }

    enum CodingKeys: String, CodingKey {
        case promptTokensPerSecond = "prompt_tokens_per_second"
        case generationTokensPerSecond = "generation_tokens_per_second"
        case promptSeconds = "prompt_seconds"
        case generationSeconds = "generation_seconds"
    }
}
