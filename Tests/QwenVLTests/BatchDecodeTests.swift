import Foundation
import Tensor
import Testing

@testable import QwenVL

/// Batched decoding and the prompt-prefix cache against plain one-sequence decoding, on every tiny fixture.
@Suite struct BatchDecodeTests {
    /// Greedy tokens of a session after `prompt`, one step at a time.
    static func greedy(_ session: MultimodalSession, after hidden: [Float], rows: Int, count: Int) throws -> [Int] {
        try greedyWithMargins(session, after: hidden, rows: rows, count: count).tokens
    }

    /// Greedy tokens and, at each step, the gap between the two largest logits relative to the largest magnitude.
    static func greedyWithMargins(_ session: MultimodalSession, after hidden: [Float], rows: Int, count: Int) throws
        -> (tokens: [Int], margins: [Float])
    {
        var logits = session.logits(hidden, row: rows - 1)
        var out: [Int] = []
        var margins: [Float] = []
        for _ in 0..<count {
            let top = Sampler.top(logits, count: 2)
            margins.append((top[0].logit - top[1].logit) / max(1e-6, logits.map(abs).max() ?? 1))
            let token = top[0].id
            out.append(token)
            logits = session.logits(try session.step(token), row: 0)
        }
        return (out, margins)
    }

    @Test("a batched decode step gives each sequence the hidden states and logits of its own step, bit for bit")
    func batchEqualsSingle() throws {
        for name in Fixture.names {
            let fixture = try Fixture.load(name)
            let model = try QwenVLModel(path: fixture.path)
            let prompts = fixture.prompts.isEmpty ? [[1, 2, 3]] : fixture.prompts
            let alone = try prompts.map { prompt in
                let session = try MultimodalSession(model: model, capacity: prompt.count + 8)
                return (session, try session.prefill(prompt))
            }
            let together = try prompts.map { prompt in
                let session = try MultimodalSession(model: model, capacity: prompt.count + 8)
                return (session, try session.prefill(prompt))
            }
            var tokens = zip(prompts, alone).map { prompt, pair in
                Sampler.argmax(pair.0.logits(pair.1, row: prompt.count - 1))
            }
            let width = model.language.config.hidden
            for _ in 0..<4 {
                let single = try zip(alone, tokens).map { pair, token in try pair.0.step(token) }
                let batched = try MultimodalSession.step(together.map(\.0), tokens: tokens)
                for (k, hidden) in single.enumerated() {
                    #expect(Array(batched[k * width..<(k + 1) * width]) == hidden, "\(name) sequence \(k)")
                }
                let logits = model.language.logits(hidden: batched, rows: Array(prompts.indices))
                let vocabulary = model.language.config.vocabularySize
                for (k, hidden) in single.enumerated() {
                    let own = alone[k].0.logits(hidden, row: 0)
                    #expect(Array(logits[k * vocabulary..<(k + 1) * vocabulary]) == own, "\(name) logits \(k)")
                }
                tokens = single.map { Sampler.argmax(alone[0].0.logits($0, row: 0)) }
            }
        }
    }

    /// The prefix and the rest of a prompt go through `cblas_sgemm` with other row counts than the whole prompt, and
    /// OpenBLAS chooses its kernels by matrix shape, so the prefilled hidden states agree with a full prefill to float
    /// rounding, not bit for bit. Greedy tokens then agree until a step whose two best logits (after the full
    /// prefill) are within that rounding; only such a near-tie may differ, and the continuations after it are not
    /// compared.
    @Test(
        "a session started from a cached prompt prefix decodes the greedy tokens of a full prefill (up to a near-tie)")
    func prefixCache() throws {
        for name in Fixture.names {
            let fixture = try Fixture.load(name)
            let model = try QwenVLModel(path: fixture.path)
            for prompt in fixture.prompts where prompt.count >= 8 {
                let full = try MultimodalSession(model: model, capacity: prompt.count + 16)
                let fullHidden = try full.prefill(prompt)
                let (expected, margins) = try Self.greedyWithMargins(
                    full, after: fullHidden, rows: prompt.count, count: 12)
                #expect(throws: QwenVLError.self) { try PromptPrefix(model: model, tokens: Array(prompt[..<3])) }
                #expect(
                    !(try PromptPrefix(model: model, tokens: Array(prompt[..<4]))).isPrefix(of: Array(prompt[..<7])))
                for cut in Set([4, prompt.count / 2, prompt.count - 4]) {
                    let prefix = try PromptPrefix(model: model, tokens: Array(prompt[..<cut]))
                    #expect(prefix.isPrefix(of: prompt))
                    let session = try MultimodalSession(model: model, capacity: prompt.count + 16, prefix: prefix)
                    #expect(session.nextPosition == cut && session.cache.count == cut)
                    let rest = Array(prompt[cut...])
                    let hidden = try session.prefill(rest)
                    let width = model.language.config.hidden
                    let last = Array(hidden[(rest.count - 1) * width..<rest.count * width])
                    let reference = Array(fullHidden[(prompt.count - 1) * width..<prompt.count * width])
                    let scale = reference.map(abs).max() ?? 1
                    let worst = zip(last, reference).map { abs($0 - $1) }.max() ?? 0
                    #expect(worst <= 1e-4 * scale, "\(name) prefix of \(cut): hidden states differ by \(worst)")
                    let tokens = try Self.greedy(session, after: hidden, rows: rest.count, count: 12)
                    let agreed = zip(tokens, expected).prefix { $0 == $1 }.count
                    if agreed < expected.count {
                        #expect(
                            margins[agreed] < 1e-3,
                            "\(name) prefix of \(cut) of \(prompt.count): token \(agreed) differs without a near-tie")
                    }
                }
            }
        }
    }
}
