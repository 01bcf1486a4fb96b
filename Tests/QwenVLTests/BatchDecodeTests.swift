import Foundation
import Tensor
import Testing

@testable import QwenVL

/// Batched decoding and the prompt-prefix cache against plain one-sequence decoding, on every tiny fixture.
@Suite struct BatchDecodeTests {
    /// Greedy tokens of a session after `prompt`, one step at a time.
    static func greedy(_ session: MultimodalSession, after hidden: [Float], rows: Int, count: Int) throws -> [Int] {
        var logits = session.logits(hidden, row: rows - 1)
        var out: [Int] = []
        for _ in 0..<count {
            let token = Sampler.argmax(logits)
            out.append(token)
            logits = session.logits(try session.step(token), row: 0)
        }
        return out
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

    @Test("a session started from a cached prompt prefix decodes the same greedy tokens as a full prefill")
    func prefixCache() throws {
        for name in Fixture.names {
            let fixture = try Fixture.load(name)
            let model = try QwenVLModel(path: fixture.path)
            for prompt in fixture.prompts where prompt.count >= 8 {
                let full = try MultimodalSession(model: model, capacity: prompt.count + 16)
                let expected = try Self.greedy(full, after: try full.prefill(prompt), rows: prompt.count, count: 12)
                #expect(throws: QwenVLError.self) { try PromptPrefix(model: model, tokens: Array(prompt[..<3])) }
                #expect(
                    !(try PromptPrefix(model: model, tokens: Array(prompt[..<4]))).isPrefix(of: Array(prompt[..<7])))
                for cut in Set([4, prompt.count / 2, prompt.count - 4]) {
                    let prefix = try PromptPrefix(model: model, tokens: Array(prompt[..<cut]))
                    #expect(prefix.isPrefix(of: prompt))
                    let session = try MultimodalSession(model: model, capacity: prompt.count + 16, prefix: prefix)
                    #expect(session.nextPosition == cut && session.cache.count == cut)
                    let rest = Array(prompt[cut...])
                    let tokens = try Self.greedy(
                        session, after: try session.prefill(rest), rows: rest.count, count: 12)
                    #expect(tokens == expected, "\(name) prefix of \(cut) of \(prompt.count)")
                }
            }
        }
    }
}
