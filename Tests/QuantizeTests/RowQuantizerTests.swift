import Foundation
import GGUF
import Tensor
import Testing

/// The block quantizers on their own: round trips against error bounds, bit-level packing, and parity with gguf-py.
@Suite struct RowQuantizerTests {
    static let written: [GGMLType] = [.q8_0, .q5_0, .q4_K, .q5_K, .q6_K]

    @Test("Round trip on normal data: relative RMS error within each type's bound")
    func roundTripError() throws {
        let x = Support.normals(256 * 64, seed: 1)
        // Measured on this data (16 384 values): Q8_0 0.00536, Q5_0 0.0425, Q4_K 0.0710, Q5_K 0.0358, Q6_K 0.0177;
        // the bounds are 5% above (a regression in a scale search shows up as more than that).
        let bounds: [GGMLType: Double] = [.q8_0: 0.0057, .q5_0: 0.0447, .q4_K: 0.0746, .q5_K: 0.0376, .q6_K: 0.0186]
        for type in Self.written {
            let relative = Support.rmsError(try Support.roundTrip(type, x), x) / Support.rms(x)
            #expect(relative < bounds[type]!, "\(type): relative RMS error \(relative)")
            #expect(relative > bounds[type]! / 2, "\(type): relative RMS error \(relative) is implausibly small")
        }
    }

    @Test("The K-quant searches beat plain min–max rounding with the same block format")
    func searchBeatsRangeFit() throws {
        let x = Support.normals(256 * 32, seed: 2)
        let searched = Support.rmsError(try Support.roundTrip(.q4_K, x), x)
        // Plain 4-bit min–max rounding per 32 values (scale and min kept exact: a bound Q4_K's 6-bit scales cannot beat).
        var plain = [Float](repeating: 0, count: x.count)
        for g in stride(from: 0, to: x.count, by: 32) {
            let block = x[g..<g + 32]
            let lo = min(block.min()!, 0)
            let step = (block.max()! - lo) / 15
            for i in g..<g + 32 { plain[i] = lo + step * ((x[i] - lo) / step).rounded() }
        }
        let range = Support.rmsError(plain, x)
        #expect(searched < 0.97 * range, "Q4_K \(searched) vs min–max \(range)")
    }

    @Test("Zero, constant and one-sided blocks quantize without NaN and come back close")
    func edgeBlocks() throws {
        var x = [Float](repeating: 0, count: 256 * 4)
        for i in 256..<512 { x[i] = 0.75 }  // constant
        for i in 512..<768 { x[i] = Float(i - 512) / 256 }  // positive ramp
        for i in 768..<1024 { x[i] = -Float(i - 768) / 64 }  // negative ramp
        for type in Self.written {
            let y = try Support.roundTrip(type, x)
            #expect(y.allSatisfy { $0.isFinite }, "\(type)")
            #expect(y[0..<256].allSatisfy { $0 == 0 }, "\(type): a zero block must stay zero")
            let err = Support.rmsError(Array(y[256...]), Array(x[256...]))
            #expect(err < 0.05, "\(type): \(err)")
        }
    }

    @Test("Q8_0 and Q5_0 bytes equal gguf-py's gguf.quants.quantize (fixture from make_quantize_fixtures.py)")
    func ggufPyParity() throws {
        let file = try GGUFFile(path: Support.fixture("gguf_py_quants.gguf"))
        let input = try file.floats("input")
        for type in [GGMLType.q8_0, .q5_0] {
            let info = try file.requireTensor("\(type)")
            let expected = [UInt8](file.bytes(of: info))
            let ours = try Kernels.quantize(type, floats: input)
            #expect(ours.count == expected.count)
            let blocks = expected.count / type.blockBytes
            var differing = 0
            for b in 0..<blocks {
                let r = b * type.blockBytes..<(b + 1) * type.blockBytes
                if ours[r] != expected[r] { differing += 1 }
            }
            #expect(differing == 0, "\(type): \(differing) of \(blocks) blocks differ from gguf-py")
        }
    }

    @Test("f32 → f16 rounds to nearest even like Swift's Float16, subnormals and overflow included")
    func halfConversion() {
        var rng = Support.Random(state: 3)
        var values: [Float] = [0, -0, 1, -1, 65504, 65519.99, 65520, -70000, 6e-8, 2.98e-8, 2.99e-8, 1e-10, .infinity]
        values += [Float(bitPattern: 0x3880_0000), Float(bitPattern: 0x387F_FFFF), 1 + Float(1) / 2048]
        for _ in 0..<20_000 {
            let bits = UInt32(truncatingIfNeeded: rng.next())
            let v = Float(bitPattern: bits)
            if v.isNaN { continue }
            values.append(v)
            values.append(Float(rng.normal()) * 1e-5)
        }
        let wrong = values.filter { Kernels.halfBits($0) != Float16($0).bitPattern }
        #expect(wrong.isEmpty, "first differing values: \(wrong.prefix(5))")
        #expect(Float16(bitPattern: Kernels.halfBits(.nan)).isNaN)
    }

    @Test("Bit layout: a Q6_K block of known levels packs as ggml lays it out")
    func q6KLayout() throws {
        // Values on an exact grid: level l·d for l in -32...31 with one scale; the round trip must be exact.
        let d: Float = 0.25
        var x = (0..<256).map { Float(($0 * 7) % 64 - 32) * d }
        for g in 0..<16 { x[16 * g] = -32 * d }  // every group reaches level -32, so all share one scale
        let bytes = try Kernels.quantize(.q6_K, floats: x)
        let y = try Kernels.dequantize(.q6_K, bytes: bytes)
        #expect(Support.rmsError(x, y) < 1e-3 * Support.rms(x), "grid values should survive Q6_K")
        #expect(bytes.count == 210)
    }

    @Test("Q8_0 and Q4_K round trips of grid values are exact")
    func exactGrids() throws {
        var q8 = (0..<64).map { Float(($0 * 37) % 255 - 127) / 64 }
        q8[0] = 127 / 64
        q8[32] = -127 / 64  // each block reaches ±127 steps of 1/64, an exact f16 scale
        #expect(try Support.roundTrip(.q8_0, q8).elementsEqual(q8) { abs($0 - $1) < 1e-6 })
        let q4 = (0..<256).map { Float($0 % 16) * 0.5 - 2 }  // levels 0...15 of scale 0.5, min -2 in every group
        let y = try Support.roundTrip(.q4_K, q4)
        #expect(Support.rmsError(q4, y) < 1e-3, "\(Support.rmsError(q4, y))")
    }

    @Test("Types Easel cannot write and ragged lengths are refused")
    func refusals() {
        #expect(throws: TensorError.notQuantizable(type: .q4_0)) { try Kernels.quantize(.q4_0, floats: [0]) }
        #expect(throws: TensorError.rowNotWholeBlocks(type: .q4_K, columns: 100)) {
            try Kernels.quantize(.q4_K, floats: [Float](repeating: 1, count: 100))
        }
    }
}
