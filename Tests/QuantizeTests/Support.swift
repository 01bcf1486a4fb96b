import Foundation
import GGUF
import Tensor

/// Test helpers: fixture paths, seeded normal data, RMS error.
enum Support {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A file under Tests/QuantizeTests/Fixtures.
    static func fixture(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Tests/QuantizeTests/Fixtures/\(name)").path
    }

    /// A tiny Qwen2-VL fixture of the engine tests (Tests/QwenVLTests/Fixtures).
    static func modelFixture(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Tests/QwenVLTests/Fixtures/\(name)").path
    }

    /// A deterministic generator (SplitMix64) with Box–Muller normals.
    struct Random {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// Uniform in (0, 1].
        mutating func uniform() -> Double { Double((next() >> 11) + 1) / Double(1 << 53) }

        mutating func normal() -> Float {
            Float((-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()))
        }
    }

    /// `count` normal values with standard deviation `sigma`.
    static func normals(_ count: Int, sigma: Float = 1, seed: UInt64) -> [Float] {
        var rng = Random(state: seed)
        return (0..<count).map { _ in rng.normal() * sigma }
    }

    /// Root mean square of `a - b`.
    static func rmsError(_ a: [Float], _ b: [Float]) -> Double {
        precondition(a.count == b.count)
        var s = 0.0
        for (x, y) in zip(a, b) { s += Double(x - y) * Double(x - y) }
        return (s / Double(max(a.count, 1))).squareRoot()
    }

    /// Root mean square of `a`.
    static func rms(_ a: [Float]) -> Double { rmsError(a, [Float](repeating: 0, count: a.count)) }

    /// Quantize then dequantize.
    static func roundTrip(_ type: GGMLType, _ x: [Float]) throws -> [Float] {
        try Kernels.dequantize(type, bytes: try Kernels.quantize(type, floats: x))
    }

    /// A scratch folder removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("easel-quantize-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
