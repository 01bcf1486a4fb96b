import Foundation
import Grading

/// The body of one chat-completions request: the local VLM's rubric system prompt and user turn (the image, then
/// the description; never the student's name), greedy decoding, and either the JSON schema or nothing
/// (``ReplyFormat``).
public enum ChatRequest {
    /// The user turn's text after the image: ``RubricPrompt/user(description:)`` without its `<image>` placeholder,
    /// whose place the image part takes (the Qwen2-VL chat template renders both alike).
    public static func userText(description: String) -> String {
        let user = RubricPrompt.user(description: description)
        return user.hasPrefix("<image>") ? String(user.dropFirst("<image>".count)) : user
    }

    /// The JSON body.
    public static func body(
        model: String, imageURL: String, description: String, format: ReplyFormat, critiqueLimit: Int
    ) -> Data {
        var body: [String: Any] = [
            "model": model,
            "messages": [
                ["role": "system", "content": RubricPrompt.system],
                [
                    "role": "user",
                    "content": [
                        ["type": "image_url", "image_url": ["url": imageURL]],
                        ["type": "text", "text": userText(description: description)],
                    ],
                ],
            ],
            "temperature": 0,
            "max_tokens": maxTokens(critiqueLimit: critiqueLimit),
        ]
        switch format {
        case .json:
            body["response_format"] = [
                "type": "json_schema",
                "json_schema": [
                    "name": "easel_assessment", "strict": true,
                    "schema": ReplyFormat.schema(critiqueLimit: critiqueLimit),
                ],
            ]
        case .template:
            // vLLM's extension constrains the reply to the template as the local VLM's decoder does; servers
            // that do not know it ignore it and the reply is still parsed strictly.
            body["structured_outputs"] = ["regex": ReplyFormat.templatePattern(critiqueLimit: critiqueLimit)]
        }
        // Sorted keys: the same artwork gives the same bytes (and the prompt hash is stable).
        return (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
    }

    /// Room for the critique (every token is at least one character) plus the scores and JSON punctuation.
    static func maxTokens(critiqueLimit: Int) -> Int { critiqueLimit + 96 }

    /// A short hash of everything that shapes the model's answer apart from the artwork: the system prompt, the
    /// user turn's template, the format and the critique bound (64-bit FNV-1a, hex).
    public static func promptHash(format: ReplyFormat, critiqueLimit: Int) -> String {
        let schema =
            format == .json
            ? String(
                decoding: (try? JSONSerialization.data(
                    withJSONObject: ReplyFormat.schema(critiqueLimit: critiqueLimit), options: [.sortedKeys]))
                    ?? Data(), as: UTF8.self) : ReplyFormat.templatePattern(critiqueLimit: critiqueLimit)
        let text = [RubricPrompt.system, userText(description: "\u{1}"), schema].joined(separator: "\u{0}")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
