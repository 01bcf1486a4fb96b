/// One message of a chat.
public struct ChatMessage: Sendable, Equatable {
    /// Who speaks.
    public enum Role: String, Sendable {
        case system, user, assistant
    }

    /// A piece of a message: text, or an image that the engine expands into vision tokens.
    public enum Part: Sendable, Equatable {
        case text(String)
        case image
    }

    /// Who speaks.
    public var role: Role
    /// What is said, in order.
    public var parts: [Part]

    /// A message of parts.
    public init(role: Role, parts: [Part]) {
        self.role = role
        self.parts = parts
    }

    /// A text-only message.
    public init(role: Role, text: String) {
        self.init(role: role, parts: [.text(text)])
    }
}

/// The Qwen2-VL instruct chat template (the model's `tokenizer.chat_template`, written out in Swift):
/// `<|im_start|>role\ncontent<|im_end|>\n` per message, a default system message when the first message is
/// not one, `<|vision_start|><|image_pad|><|vision_end|>` per image, and `<|im_start|>assistant\n` to prompt
/// the answer.
public enum ChatTemplate {
    /// The system message inserted when the chat does not start with one.
    public static let defaultSystemPrompt = "You are a helpful assistant."
    /// The text of one image placeholder; the engine expands `<|image_pad|>` into the image's tokens.
    public static let imagePlaceholder = "<|vision_start|><|image_pad|><|vision_end|>"

    /// The prompt text for `messages`, with special tokens written as their texts (encode it with special
    /// tokens recognised). `addVisionID` writes "Picture k: " before the k-th image.
    public static func qwen2VL(_ messages: [ChatMessage], addGenerationPrompt: Bool = true, addVisionID: Bool = false)
        -> String
    {
        var out = ""
        var imageCount = 0
        for (index, message) in messages.enumerated() {
            if index == 0, message.role != .system {
                out += "<|im_start|>system\n\(defaultSystemPrompt)<|im_end|>\n"
            }
            out += "<|im_start|>\(message.role.rawValue)\n"
            for part in message.parts {
                switch part {
                case .text(let text):
                    out += text
                case .image:
                    imageCount += 1
                    if addVisionID { out += "Picture \(imageCount): " }
                    out += imagePlaceholder
                }
            }
            out += "<|im_end|>\n"
        }
        if addGenerationPrompt { out += "<|im_start|>assistant\n" }
        return out
    }
}
