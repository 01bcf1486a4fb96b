import Rubric

/// One fine-tuning example in the conversation format that Qwen2-VL
/// fine-tuning tools read (LLaMA-Factory's `sharegpt`-style `messages` with
/// an `images` list, as ms-swift also accepts): a system turn with the rubric
/// prompt, a user turn with the `<image>` placeholder and the description, and
/// an assistant turn with the teacher's final critique; plus the final scores
/// and whether the teacher accepted or edited the assessment. Also the class name (the fine-tuning split takes
/// one in five of each class for validation), the raw description and the student's title, so a trainer can
/// rebuild the user turn and group the examples.
public struct TrainingRecord: Encodable, Sendable {
    /// One conversation turn.
    public struct Message: Encodable, Sendable, Hashable {
        /// "system", "user" or "assistant".
        public var role: String
        /// The turn's text; the user's holds one `<image>` placeholder.
        public var content: String
    }

    /// The conversation.
    public var messages: [Message]
    /// Image paths relative to the JSONL file, one per `<image>` placeholder.
    public var images: [String]
    /// The five final sub-scores and the total.
    public var scores: [String: Int]
    /// "accepted" or "edited".
    public var source: String
    /// The class the artwork belongs to (key "class").
    public var className: String
    /// The artist's description as stored (the user turn holds it inside the rubric's wording).
    public var description: String
    /// The artwork's title (may be empty).
    public var title: String

    enum CodingKeys: String, CodingKey {
        case messages, images, scores, source, description, title
        case className = "class"
    }

    /// Creates an example.
    public init(
        imagePath: String, description: String, critique: String, scores: Scores, source: String,
        className: String = "", title: String = ""
    ) {
        messages = [
            Message(role: "system", content: RubricPrompt.system),
            Message(role: "user", content: RubricPrompt.user(description: description)),
            Message(role: "assistant", content: critique),
        ]
        images = [imagePath]
        var values = Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0.rawValue, scores[$0]) })
        values["total"] = scores.total
        self.scores = values
        self.source = source
        self.className = className
        self.description = description
        self.title = title
    }
}
