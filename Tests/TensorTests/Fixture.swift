import Foundation
import GGUF
import Tensor

/// Test helpers: the committed quant fixture and random data.
enum Fixture {
    /// Tests/Fixtures/quant_blocks.gguf, written by Tests/Fixtures/make_quant_fixtures.py (gguf-py 0.19.0).
    static let quantBlocksPath: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/quant_blocks.gguf").path
    }()

    /// A deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func uniform() -> Float { Float(next() >> 40) / Float(1 << 24) }

        /// Roughly normal (sum of uniforms).
        mutating func normal() -> Float { (0..<4).map { _ in uniform() }.reduce(0, +) * 1.7 - 3.4 }

        mutating func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(truncatingIfNeeded: next()) } }
    }

    /// Byte offsets of the f16 scale fields of one block (these get sane values in random blocks).
    static func scaleOffsets(_ type: GGMLType) -> [Int] {
        switch type {
        case .f32, .f16, .bf16: return []
        case .q8_0, .q4_0, .q5_0: return [0]
        case .q4_1, .q5_1, .q4_K, .q5_K: return [0, 2]
        case .q6_K: return [208]
        }
    }

    /// Random blocks of a quantized type with scales in ±[0.001, 0.05], or random normal values for float types.
    static func randomMatrix(_ type: GGMLType, rows: Int, cols: Int, seed: UInt64) throws -> WeightMatrix {
        var rng = Random(state: seed)
        var bytes: [UInt8]
        switch type {
        case .f32:
            bytes = (0..<rows * cols).map { _ in rng.normal() }.withUnsafeBytes { [UInt8]($0) }
        case .f16:
            bytes = (0..<rows * cols).map { _ in Float16(rng.normal()) }.withUnsafeBytes { [UInt8]($0) }
        case .bf16:
            bytes = (0..<rows * cols).map { _ in UInt16(rng.normal().bitPattern >> 16) }.withUnsafeBytes { [UInt8]($0) }
        default:
            let blocks = rows * cols / type.blockElements
            bytes = rng.bytes(blocks * type.blockBytes)
            for b in 0..<blocks {
                for offset in scaleOffsets(type) {
                    let sign: Float = rng.next() & 1 == 0 ? 1 : -1
                    let d = Float16(sign * (0.001 + 0.049 * rng.uniform()))
                    let bits = d.bitPattern
                    bytes[b * type.blockBytes + offset] = UInt8(bits & 0xFF)
                    bytes[b * type.blockBytes + offset + 1] = UInt8(bits >> 8)
                }
            }
        }
        return try WeightMatrix(type: type, rows: rows, cols: cols, bytes: bytes)
    }

    static func randomVector(_ n: Int, seed: UInt64) -> [Float] {
        var rng = Random(state: seed)
        return (0..<n).map { _ in rng.normal() }
    }
}
