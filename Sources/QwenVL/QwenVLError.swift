/// What can go wrong loading or running a Qwen2-VL model.
public enum QwenVLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model file could not be read or lacks something the model needs (the GGUF reader's message).
    case file(String)
    /// The file is a GGUF file for another architecture.
    case unsupportedArchitecture(file: String, architecture: String)
    /// A hyperparameter is missing, zero or inconsistent with the others.
    case badConfig(file: String, reason: String)
    /// The file's tokenizer could not be built.
    case tokenizer(file: String, reason: String)
    /// A token id is outside the vocabulary.
    case tokenOutOfRange(id: Int, vocabularySize: Int)
    /// The prompt has no tokens.
    case emptyPrompt
    /// The prompt plus the tokens to generate do not fit in the model's context.
    case contextFull(needed: Int, capacity: Int)
    /// A generation option is out of range.
    case badOption(String)
    /// The request needs the vision tower, which this engine does not run yet.
    case visionNotImplemented
    /// The vision file is not a CLIP-style mmproj GGUF.
    case notVisionProjector(file: String, reason: String)
    /// The mmproj file's projector is not Qwen2-VL's merger (Qwen2.5-VL, Qwen3-VL, LLaVA, …).
    case unsupportedProjector(file: String, projector: String)
    /// The vision tower's output width is not the language model's width.
    case widthMismatch(vision: String, projection: Int, text: String, hidden: Int)
    /// The image cannot be used.
    case badImage(String)
    /// The scoring-head file is malformed.
    case badScoreHead(file: String, reason: String)

    /// A one-line message: what happened and what to do.
    public var description: String {
        switch self {
        case .file(let message):
            message
        case .unsupportedArchitecture(let file, let architecture):
            "\(file): architecture \"\(architecture)\" is not supported; use a Qwen2-VL text model (qwen2vl) GGUF"
        case .badConfig(let file, let reason):
            "\(file): \(reason); the file was not written for a Qwen2-VL model"
        case .tokenizer(let file, let reason):
            "\(file): cannot build the tokenizer: \(reason)"
        case .tokenOutOfRange(let id, let size):
            "token id \(id) is outside the vocabulary (0..<\(size)); check the --tokens list"
        case .emptyPrompt:
            "the prompt has no tokens; give a non-empty --prompt or --tokens"
        case .contextFull(let needed, let capacity):
            "the prompt and generation need \(needed) positions but the model holds \(capacity); shorten them"
        case .badOption(let message):
            message
        case .visionNotImplemented:
            "the vision tower is not implemented yet; run the text model without --mmproj/--image"
        case .notVisionProjector(let file, let reason):
            "\(file): not a vision projector (mmproj) GGUF: \(reason); give the Qwen2-VL mmproj file"
        case .unsupportedProjector(let file, let projector):
            "\(file): projector \"\(projector)\" is not supported; only Qwen2-VL's qwen2vl_merger mmproj files work"
        case .widthMismatch(let vision, let projection, let text, let hidden):
            "\(vision) projects images to width \(projection) but \(text) has width \(hidden); "
                + "use the mmproj file made for this text model"
        case .badImage(let message):
            message
        case .badScoreHead(let file, let reason):
            "\(file): not a usable scoring head: \(reason)"
        }
    }
}
