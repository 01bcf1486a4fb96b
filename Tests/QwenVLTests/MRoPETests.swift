import Foundation
import Testing

@testable import QwenVL

@Suite struct MRoPETests {
    @Test("Sections pick the axis of each rotary pair; text positions give plain NeoX RoPE")
    func sections() {
        let rope = MRoPE(headDim: 8, theta: 10_000, sections: [1, 1, 2, 0])
        #expect(rope.axes == [0, 1, 2, 2])
        let table = rope.table(MRoPEPosition(t: 1, h: 2, w: 3))
        let inverse = (0..<4).map { 1 / pow(10_000.0, Double(2 * $0) / 8) }
        let expected = [1 * inverse[0], 2 * inverse[1], 3 * inverse[2], 3 * inverse[3]]
        for j in 0..<4 {
            #expect(abs(Double(table.cos[j]) - cos(expected[j])) < 1e-6)
            #expect(abs(Double(table.sin[j]) - sin(expected[j])) < 1e-6)
        }
        let text = rope.table(MRoPEPosition(text: 5))
        for j in 0..<4 { #expect(abs(Double(text.cos[j]) - cos(5 * inverse[j])) < 1e-6) }
    }

    @Test("Rotation pairs element j with j + headDim/2 and keeps the norm")
    func rotation() {
        let rope = MRoPE(headDim: 4, theta: 100, sections: [2, 0, 0, 0])
        var x: [Float] = [1, 2, 3, 4, 0.5, -1, 2, 0]
        let norm = x.map { $0 * $0 }.reduce(0, +)
        let table = rope.table(MRoPEPosition(text: 3))
        x.withUnsafeMutableBufferPointer { rope.rotate($0.baseAddress!, heads: 2, cos: table.cos, sin: table.sin) }
        let angle0 = 3.0
        #expect(abs(Double(x[0]) - (1 * cos(angle0) - 3 * sin(angle0))) < 1e-5)
        #expect(abs(Double(x[2]) - (3 * cos(angle0) + 1 * sin(angle0))) < 1e-5)
        #expect(abs(x.map { $0 * $0 }.reduce(0, +) - norm) < 1e-4)
    }
}
