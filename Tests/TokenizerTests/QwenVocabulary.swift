import Foundation
import Tokenizer

/// The real Qwen2 vocabulary from ../shared/data/qwen2 (built once per test run), or nil when the data is absent.
enum QwenVocabulary {
    /// The folder holding qwen.tiktoken and the conformance cases.
    static let dataDirectory: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared/data/qwen2")
    }()

    /// Why the real-vocabulary tests are skipped, if they are.
    static let missingReason: String? =
        FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("qwen.tiktoken").path)
        ? nil : "skipped: \(dataDirectory.path)/qwen.tiktoken is absent"

    /// The vocabulary arrays as a GGUF file would hold them.
    static let vocabulary: BPEVocabulary? = {
        guard missingReason == nil,
            let data = FileManager.default.contents(atPath: dataDirectory.appendingPathComponent("qwen.tiktoken").path)
        else { return nil }
        return try? BPEVocabulary.tiktoken([UInt8](data))
    }()

    /// The tokenizer over the real vocabulary.
    static let tokenizer: BPETokenizer? = {
        guard let vocabulary else { return nil }
        return try? BPETokenizer(
            tokens: vocabulary.tokens, merges: vocabulary.merges, tokenTypes: vocabulary.tokenTypes,
            preTokenizer: "qwen2")
    }()
}
