import Foundation
import Testing

@testable import QwenVL

@Suite struct SamplerTests {
    @Test("Greedy picks the largest logit, the lowest id among equals")
    func greedy() throws {
        var sampler = try Sampler()
        #expect(sampler.next([0.1, 2, -1, 2]) == 1)
        #expect(Sampler.argmax([3, 1, 3]) == 0)
        #expect(Sampler.top([0.5, 3, -2, 3, 1], count: 3).map(\.id) == [1, 3, 4])
    }

    @Test("The same seed gives the same tokens; another seed gives others")
    func seeded() throws {
        let logits = [Float](repeating: 0, count: 50)
        func draw(_ seed: UInt64) throws -> [Int] {
            var sampler = try Sampler(temperature: 1, topK: 0, topP: 1, seed: seed)
            return (0..<20).map { _ in sampler.next(logits) }
        }
        #expect(try draw(7) == draw(7))
        #expect(try draw(7) != draw(8))
    }

    @Test("Top-k 1 and a tiny top-p reduce sampling to greedy")
    func truncation() throws {
        let logits: [Float] = [1, 1.5, 0.2, 1.4]
        var topK = try Sampler(temperature: 5, topK: 1, topP: 1, seed: 1)
        var topP = try Sampler(temperature: 0.5, topK: 0, topP: 0.01, seed: 1)
        for _ in 0..<50 {
            #expect(topK.next(logits) == 1)
            #expect(topP.next(logits) == 1)
        }
    }

    @Test("Sampling follows softmax(logits / T)")
    func distribution() throws {
        var sampler = try Sampler(temperature: 1, topK: 0, topP: 1, seed: 42)
        let logits: [Float] = [0, Float(log(3.0))]  // probabilities 0.25 and 0.75
        let draws = 8000
        let ones = (0..<draws).filter { _ in sampler.next(logits) == 1 }.count
        #expect(abs(Double(ones) / Double(draws) - 0.75) < 0.02)
        var hot = try Sampler(temperature: 2, topK: 0, topP: 1, seed: 42)  // p ∝ exp(l/2): 1 : √3
        let hotOnes = (0..<draws).filter { _ in hot.next(logits) == 1 }.count
        #expect(abs(Double(hotOnes) / Double(draws) - 3.0.squareRoot() / (1 + 3.0.squareRoot())) < 0.02)
    }

    @Test("Bad options are refused")
    func badOptions() {
        #expect(throws: QwenVLError.self) { try Sampler(temperature: -1) }
        #expect(throws: QwenVLError.self) { try Sampler(topK: -2) }
        #expect(throws: QwenVLError.self) { try Sampler(topP: 0) }
        #expect(throws: QwenVLError.self) { try Sampler(topP: 1.5) }
    }
}

extension SamplerTests {
    @Test("Top-n selection equals a full sort")
    func topSelection() {
        var random = SplitMix64(seed: 9)
        let logits = (0..<1000).map { _ in Float(random.nextUnit() * 10).rounded() }
        let sorted = logits.indices.sorted { logits[$0] > logits[$1] || (logits[$0] == logits[$1] && $0 < $1) }
        #expect(Sampler.top(logits, count: 5).map(\.id) == Array(sorted.prefix(5)))
        #expect(Sampler.top([1, 2], count: 5).map(\.id) == [1, 0])
        #expect(Sampler.top([1, 2], count: 0).isEmpty)
    }
}
