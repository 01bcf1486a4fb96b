import GGUF
import QwenVL

/// The whole language model (embeddings, norms, attention with M-RoPE and the KV cache, MLP, output logits) on the
/// synthetic file: a prompt of `prefillTokens`, then `decodeTokens` greedy decode steps.
struct ModelRun {
    /// Wall-clock and CPU seconds of the prompt pass (through the first logits).
    let prefill: (wall: Double, cpu: Double)
    /// Wall-clock seconds of all decode steps.
    let decodeSeconds: Double
    /// The median decode step (robust against other work on the machine).
    let medianStep: Double
    /// The median CPU-seconds of a decode step (all threads).
    let medianStepCPU: Double

    init(file: GGUFFile, prefillTokens: Int, decodeTokens: Int) throws {
        let model = try Qwen2LanguageModel(file: file)
        let vocab = model.config.vocabularySize
        let prompt = (0..<prefillTokens).map { ($0 * 7919 + 13) % vocab }
        let cache = KVCache(config: model.config, capacity: prefillTokens + decodeTokens)
        let (t0, c0) = (Clock.now(), Clock.cpu())
        let hidden = try model.forward(
            try model.embed(prompt), positions: prompt.indices.map { MRoPEPosition(text: $0) }, cache: cache)
        var logits = model.logits(hidden: hidden, row: prefillTokens - 1)
        prefill = (Clock.since(t0), Clock.cpu() - c0)
        let t1 = Clock.now()
        var steps: [Double] = []
        var cpus: [Double] = []
        for step in 0..<decodeTokens {
            let (ts, cs) = (Clock.now(), Clock.cpu())
            let next = logits.indices.max { logits[$0] < logits[$1] } ?? 0
            let position = prefillTokens + step
            let h = try model.forward(
                try model.embed([next]), positions: [MRoPEPosition(text: position)], cache: cache)
            logits = model.logits(hidden: h, row: 0)
            steps.append(Clock.since(ts))
            cpus.append(Clock.cpu() - cs)
        }
        decodeSeconds = Clock.since(t1)
        medianStep = Clock.median(steps)
        medianStepCPU = Clock.median(cpus)
    }
}
