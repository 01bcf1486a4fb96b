import GGUF
import QwenVL

/// The whole language model (embeddings, norms, attention with M-RoPE and the KV cache, MLP, output logits) on the
/// synthetic file: a prompt of `prefillTokens`, then `decodeTokens` greedy decode steps.
struct ModelRun {
    let prefillSeconds: Double
    let decodeSeconds: Double
    let prefillTokens: Int
    let decodeTokens: Int

    init(file: GGUFFile, prefillTokens: Int, decodeTokens: Int) throws {
        let model = try Qwen2LanguageModel(file: file)
        let vocab = model.config.vocabularySize
        let prompt = (0..<prefillTokens).map { ($0 * 7919 + 13) % vocab }
        let cache = KVCache(config: model.config, capacity: prefillTokens + decodeTokens)
        let t0 = Clock.now()
        let hidden = try model.forward(
            try model.embed(prompt), positions: prompt.indices.map { MRoPEPosition(text: $0) }, cache: cache)
        var logits = model.logits(hidden: hidden, row: prefillTokens - 1)
        let t1 = Clock.now()
        for step in 0..<decodeTokens {
            let next = logits.indices.max { logits[$0] < logits[$1] } ?? 0
            let position = prefillTokens + step
            let h = try model.forward(
                try model.embed([next]), positions: [MRoPEPosition(text: position)], cache: cache)
            logits = model.logits(hidden: h, row: 0)
        }
        let t2 = Clock.now()
        self.prefillSeconds = t1 - t0
        self.decodeSeconds = t2 - t1
        self.prefillTokens = prefillTokens
        self.decodeTokens = decodeTokens
    }

    var prefillTokensPerSecond: Double { Double(prefillTokens) / prefillSeconds }
    var decodeTokensPerSecond: Double { Double(decodeTokens) / decodeSeconds }
}
