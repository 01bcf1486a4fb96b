import Foundation
import GGUF
import QwenVL
import Tensor
import Testing

/// The language model against HF transformers on tiny random Qwen2-VL models (see Fixture).
@Suite struct FixtureParityTests {
    /// Whether the file has quantized matrices (whose `gemv` rounds activations to 8 bits).
    static func quantized(_ fixture: Fixture) -> Bool {
        fixture.tensorTypes.keys.contains { $0 != "F32" && $0 != "F16" }
    }

    /// Allowed max |Δlogit| as a fraction of max |logit|. F32 and F16 files: 1e-4 (measured: 5e-7). Quantized
    /// files: the logits come from the quantized `gemv` of the output matrix, which rounds the hidden state to
    /// 8 bits (Q8_0 blocks for Q8_0/Q4_0, Q8_K for K-quants) as llama.cpp does; measured 0.5–1.3% of the logit
    /// scale after a prefill, and 1.4–3.2% for a one-token prompt, whose every layer runs through `gemv`.
    static func logitTolerance(_ fixture: Fixture, length: Int) -> Float {
        guard quantized(fixture) else { return 1e-4 }
        return length >= WeightMatrix.gemmMinimumRows ? 2.5e-2 : 5e-2
    }

    /// Max |Δ| of `values` against `reference`, and max |reference|.
    static func error(_ values: ArraySlice<Float>, _ reference: [Float]) -> (error: Float, scale: Float) {
        #expect(values.count == reference.count)
        return (zip(values, reference).map { abs($0 - $1) }.max() ?? 0, reference.map(abs).max() ?? 1)
    }

    @Test("Final logits and hidden states match HF for every prompt of every fixture", arguments: Fixture.names)
    func logits(name: String) throws {
        let fixture = try Fixture.load(name)
        let model = try QwenVLModel(path: fixture.path)
        let lm = model.language
        let width = lm.config.hidden
        for (index, prompt) in fixture.prompts.enumerated() {
            for precision in [Qwen2LanguageModel.Precision.quantized, .exact] {
                let cache = KVCache(config: lm.config, capacity: prompt.count)
                let hidden = try lm.forward(
                    try lm.embed(prompt), positions: prompt.indices.map { MRoPEPosition(text: $0) }, cache: cache,
                    precision: precision)
                let logits = lm.logits(hidden: hidden, row: prompt.count - 1, precision: precision)
                let l = Self.error(logits[...], fixture.lastLogits[index])
                let h = Self.error(hidden[((prompt.count - 1) * width)...], fixture.lastHidden[index])
                print(
                    "\(name) prompt \(index) (\(prompt.count) tokens, \(precision)): logits max |Δ| \(l.error) of "
                        + "\(l.scale) (\(l.error / l.scale)), hidden max |Δ| \(h.error) of \(h.scale)")
                let label = "\(name) prompt \(index) \(precision)"
                if precision == .exact || !Self.quantized(fixture) {
                    #expect(l.error <= 1e-4 * l.scale, "\(label): logits max |Δ| \(l.error)")
                    #expect(h.error <= 1e-4 * h.scale, "\(label): hidden max |Δ| \(h.error)")
                } else {
                    // A prefill of 4+ tokens runs through `gemm` (exact f32 on the dequantized weights): only the
                    // output matrix's `gemv` rounds the activations.
                    let prefill = prompt.count >= WeightMatrix.gemmMinimumRows
                    if prefill { #expect(h.error <= 1e-4 * h.scale, "\(label): hidden max |Δ| \(h.error)") }
                    let allowed = Self.logitTolerance(fixture, length: prompt.count) * l.scale
                    #expect(l.error <= allowed, "\(label): logits max |Δ| \(l.error) > \(allowed)")
                }
            }
        }
    }

    @Test("Exact-precision greedy decoding gives HF's 16 tokens for every fixture", arguments: Fixture.names)
    func greedyExact(name: String) throws {
        let fixture = try Fixture.load(name)
        let model = try QwenVLModel(path: fixture.path)
        let result = try model.generate(
            prompt: fixture.prompts[fixture.greedyPrompt],
            options: GenerationOptions(maxTokens: 16, temperature: 0, stopAtEndOfTurn: false, precision: .exact))
        #expect(result.tokens == fixture.greedyTokens, "\(name)")
        #expect(result.stopReason == .maxTokens)
        #expect(result.decodeSteps == 15)
    }

    @Test(
        "Quantized greedy decoding gives HF's tokens, up to a step HF itself nearly tied", arguments: Fixture.names)
    func greedyQuantized(name: String) throws {
        let fixture = try Fixture.load(name)
        let model = try QwenVLModel(path: fixture.path)
        let result = try model.generate(
            prompt: fixture.prompts[fixture.greedyPrompt],
            options: GenerationOptions(maxTokens: 16, temperature: 0, stopAtEndOfTurn: false))
        #expect(result.tokens.count == 16)
        let first = fixture.greedyTokens.indices.first { result.tokens[$0] != fixture.greedyTokens[$0] }
        print("\(name): quantized greedy matches HF for \(first ?? 16) of 16 tokens")
        guard let first else { return }
        // Decode rounds activations to 8 bits for quantized matrices, which moves a logit by up to the decode
        // tolerance; a different token is only acceptable where HF's top-2 margin is inside that band.
        #expect(Self.quantized(fixture), "\(name): f32/f16 decode must match HF exactly")
        let scale = fixture.lastLogits[fixture.greedyPrompt].map(abs).max() ?? 1
        let band = Self.logitTolerance(fixture, length: 1) * scale
        #expect(
            fixture.greedyMargins[first] < band,
            "\(name): step \(first) differs though HF's margin \(fixture.greedyMargins[first]) exceeds \(band)")
    }
}

extension FixtureParityTests {
    @Test(
        "3-axis M-RoPE positions of an image-shaped prompt and the decode step after it match HF",
        arguments: Fixture.names)
    func mrope(name: String) throws {
        let fixture = try Fixture.load(name)
        let model = try QwenVLModel(path: fixture.path)
        let lm = model.language
        let c = fixture.mrope
        let positions = c.tokens.indices.map {
            MRoPEPosition(t: c.positions[0][$0], h: c.positions[1][$0], w: c.positions[2][$0])
        }
        let cache = KVCache(config: lm.config, capacity: c.tokens.count + 1)
        let hidden = try lm.forward(try lm.embed(c.tokens), positions: positions, cache: cache, precision: .exact)
        let logits = lm.logits(hidden: hidden, row: c.tokens.count - 1, precision: .exact)
        // The next token's position is its cache slot plus rope_delta (positions and slots diverge after an image).
        #expect(c.nextPosition == c.tokens.count + c.ropeDelta)
        let next = try lm.forward(
            try lm.embed([c.nextToken]), positions: [MRoPEPosition(text: cache.count + c.ropeDelta)], cache: cache,
            precision: .exact)
        let nextLogits = lm.logits(hidden: next, row: 0, precision: .exact)
        let width = lm.config.hidden
        for (label, values, reference) in [
            ("logits", logits[...], c.lastLogits), ("hidden", hidden[((c.tokens.count - 1) * width)...], c.lastHidden),
            ("next logits", nextLogits[...], c.nextLogits), ("next hidden", next[...], c.nextHidden),
        ] {
            let e = Self.error(values, reference)
            print("\(name) M-RoPE \(label): max |Δ| \(e.error) of \(e.scale)")
            #expect(e.error <= 1e-4 * e.scale, "\(name) M-RoPE \(label): max |Δ| \(e.error)")
        }
    }
}
