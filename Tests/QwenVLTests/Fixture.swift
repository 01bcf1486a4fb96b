import Foundation

/// One reference fixture: a tiny GGUF written by Training/fixtures/make_qwen2vl_fixtures.py and what HF
/// transformers (float64, the weights the file holds) computed for it.
struct Fixture: Decodable {
    let file: String
    let tensorTypes: [String: Int]
    let prompts: [[Int]]
    let lastLogits: [[Float]]
    let lastHidden: [[Float]]
    let greedyPrompt: Int
    let greedyTokens: [Int]
    let greedyMargins: [Float]
    let mrope: MRoPECase

    enum CodingKeys: String, CodingKey {
        case file, prompts, mrope
        case tensorTypes = "tensor_types"
        case lastLogits = "last_logits"
        case lastHidden = "last_hidden"
        case greedyPrompt = "greedy_prompt"
        case greedyTokens = "greedy_tokens"
        case greedyMargins = "greedy_margins"
    }

    /// The folder of committed fixtures.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    /// The GGUF path.
    var path: String { Self.directory.appendingPathComponent(file).path }

    /// Loads `<name>.json`.
    static func load(_ name: String) throws -> Fixture {
        let data = try Data(contentsOf: directory.appendingPathComponent(name + ".json"))
        return try JSONDecoder().decode(Fixture.self, from: data)
    }

    /// The committed fixture names.
    static let names = [
        "tiny-untied-f32", "tiny-untied-f16", "tiny-untied-q8_0", "tiny-untied-q4_0", "tiny-tied-q4_k_m",
        "tiny-tied-q5_k_m",
    ]
}

/// An image-shaped sequence with HF's 3-axis M-RoPE positions, and one decode step after it.
struct MRoPECase: Decodable {
    let tokens: [Int]
    let positions: [[Int]]
    let ropeDelta: Int
    let lastLogits: [Float]
    let lastHidden: [Float]
    let nextToken: Int
    let nextPosition: Int
    let nextLogits: [Float]
    let nextHidden: [Float]

    enum CodingKeys: String, CodingKey {
        case tokens, positions
        case ropeDelta = "rope_delta"
        case lastLogits = "last_logits"
        case lastHidden = "last_hidden"
        case nextToken = "next_token"
        case nextPosition = "next_position"
        case nextLogits = "next_logits"
        case nextHidden = "next_hidden"
    }
}
