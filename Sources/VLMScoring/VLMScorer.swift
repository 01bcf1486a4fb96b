import Foundation
import Grading
import QwenVL
import Rubric
import Tensor
import Tokenizer

/// Grades with a local Qwen2-VL model: the rubric as the system prompt, the artwork's image and description as the
/// user turn, then the scores and a critique. With a scoring head the assistant turn starts with the head's
/// scoring token, the head reads the five sub-scores off the final hidden state there, and the critique follows;
/// without one the model writes the fixed template (`Originality: NN/20` … `Critique: …`) with the numbers
/// constrained to 0–20. Decoding is greedy, so the same files give the same assessment.
public final class VLMScorer: Scorer, @unchecked Sendable {
    /// The scorer's identifier.
    public static let identifier = "vlm"

    /// The language model.
    public let model: QwenVLModel
    /// The vision tower.
    public let vision: VisionTower
    /// The scoring head, when one was given (or found in the text GGUF).
    public let head: ScoringHead?
    /// Resizing bounds and normalisation.
    public let preprocessor: ImagePreprocessor
    /// Most critique tokens.
    public let maxCritiqueTokens: Int
    /// The model, mmproj and head file names, e.g. "model.gguf+mmproj.gguf+head" (with "+max50176px" after the
    /// mmproj when the image size cap is not the default).
    public let version: String
    /// Artworks whose critiques are decoded together (each weight read then serves that many rows).
    public let batchSize: Int
    /// How many artworks decode together unless told otherwise.
    public static let defaultBatchSize = 4
    /// Whether the rubric's system turn is prefilled once and its keys and values reused for every artwork.
    public let usesPrefixCache: Bool
    /// Grading runs one batch at a time (the model uses every core for one); guards the state below.
    let lock = NSLock()
    /// The prompt prefix shared by every artwork, made on first use.
    var prefix: PromptPrefix?
    /// The template's fixed tokens, made on first use.
    var template: TemplateTokens?
    /// Seconds spent per phase since the scorer was made.
    var phaseSeconds = VLMPhaseTimes()

    /// Loads the model files. `headPath` nil looks for `score_head.*` tensors in the text GGUF and otherwise
    /// decodes the template. Throws one-line errors for a missing file, a wrong architecture or mismatched widths.
    public init(
        modelPath: String, mmprojPath: String, headPath: String? = nil, maxCritiqueTokens: Int = 160,
        maxPixels: Int = ImagePreprocessor.defaultMaxPixels, batchSize: Int = VLMScorer.defaultBatchSize,
        usesPrefixCache: Bool = true
    ) throws(QwenVLError) {
        self.batchSize = max(1, min(batchSize, WeightMatrix.batchLimit))
        self.usesPrefixCache = usesPrefixCache
        for path in [modelPath, mmprojPath] + (headPath.map { [$0] } ?? [])
        where !FileManager.default.fileExists(atPath: path) {
            throw .file("\(path): no such file")
        }
        model = try QwenVLModel(path: modelPath)
        vision = try VisionTower(path: mmprojPath)
        try model.check(vision: vision)
        if let headPath {
            head = try ScoringHead(path: headPath)
        } else {
            head = try ScoringHead.embedded(inTextModel: modelPath)
        }
        try head?.check(against: model.language.config, textPath: modelPath)
        preprocessor = vision.preprocessor(maxPixels: maxPixels)
        self.maxCritiqueTokens = maxCritiqueTokens
        let name = { (path: String) in URL(fileURLWithPath: path).lastPathComponent }
        version =
            name(modelPath) + "+" + name(mmprojPath)
            + (maxPixels == ImagePreprocessor.defaultMaxPixels ? "" : "+max\(maxPixels)px")
            + (head.map { $0.path == modelPath ? "+head" : "+head:" + name($0.path) } ?? "+template")
    }

    /// "vlm".
    public var id: String { Self.identifier }
    /// Decode at about twice the side the resize keeps, so the bicubic resampling sees real detail.
    public var preferredLongestSide: Int { 2 * Int(Double(preprocessor.maxPixels).squareRoot()) }

    /// The prompt text: system (rubric) and user (image and description) turns and the assistant header.
    public static func prompt(description: String) -> String {
        let user = RubricPrompt.user(description: description)
        let parts: [ChatMessage.Part] =
            user.hasPrefix("<image>")
            ? [.image, .text(String(user.dropFirst("<image>".count)))] : [.image, .text(user)]
        return ChatTemplate.qwen2VL([
            ChatMessage(role: .system, text: RubricPrompt.system), ChatMessage(role: .user, parts: parts),
        ])
    }

    /// Grades one artwork with the model (as a batch of one).
    public func assess(_ artwork: ArtworkInput, context: ClassContext) async throws -> Assessment {
        try assessment(artwork)
    }

    /// Scores one artwork synchronously.
    public func assessment(_ artwork: ArtworkInput) throws -> Assessment {
        try assessments([artwork])[0].get()
    }
}
