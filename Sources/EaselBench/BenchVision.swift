import ArgumentParser
import Foundation
import GGUF
import QwenVL
import Tensor

/// `easel bench vision`: the vision tower, prefill and decode with Qwen2-VL-2B shapes (synthetic random weights:
/// an F16 mmproj and a Q4_K_M text model), and seconds per artwork end to end, each beside the machine's bound
/// (`cblas_sgemm` rate for the FLOP-bound phases, read bandwidth for decode), in wall-clock time and per CPU-time.
public struct BenchVision: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "vision",
        abstract:
            "Vision encode, prefill, decode and seconds per artwork with Qwen2-VL-2B shapes vs sgemm/bandwidth bounds.")

    @Option(help: "Vision blocks (32 = Qwen2-VL-2B).")
    var visionLayers = 32

    @Option(help: "Language-model layers (28 = Qwen2-VL-2B).")
    var layers = 28

    @Option(help: "Text tokens of the grading prompt besides the image (rubric, description, template).")
    var textTokens = 320

    @Option(help: "Critique tokens decoded per artwork.")
    var critiqueTokens = 120

    /// Wall-clock and CPU seconds of one phase.
    struct Timed {
        var wall: Double
        var cpu: Double

        static func measure(_ body: () throws -> Void) rethrows -> Timed {
            let (t, c) = (Clock.now(), Clock.cpu())
            try body()
            return Timed(wall: Clock.since(t), cpu: Clock.cpu() - c)
        }

        /// Seconds idle cores would take: CPU seconds over the worker count.
        var perCPU: Double { cpu / Double(Parallel.threadCount) }
    }

    public func run() throws {
        let temp = FileManager.default.temporaryDirectory
        let visionPath = temp.appendingPathComponent("easel-bench-mmproj-\(getpid()).gguf").path
        let textPath = temp.appendingPathComponent("easel-bench-text-\(getpid()).gguf").path
        defer {
            try? FileManager.default.removeItem(atPath: visionPath)
            try? FileManager.default.removeItem(atPath: textPath)
        }
        let tower = SyntheticVisionTower(layers: visionLayers)
        let text = SyntheticModel(layers: layers)
        let written = try Timed.measure {
            try tower.write(to: visionPath)
            try text.write(to: textPath)
        }
        print(String(format: "wrote synthetic F16 vision tower and Q4_K_M text model in %.1f s", written.wall))
        var sgemm = Bounds.sgemmRate(n: 2048)
        var bandwidth = Bounds.readBandwidth(bytes: 1 << 30, threads: Parallel.threadCount)

        let vision = try VisionTower(path: visionPath)
        var phases: [(String, Timed, Double)] = []  // label, time, FLOPs
        var imageTokens = 0
        for (label, width, height) in [("448×448", 448, 448), ("default size, 4032×3024 photo", 4032, 3024)] {
            let patches = try vision.preprocessor().patches(
                rgb: Self.pattern(width: width, height: height), width: width, height: height)
            var features: [Float] = []
            let time = try Timed.measure { features = try vision.encode(patches) }
            precondition(features.allSatisfy(\.isFinite))
            phases.append(
                (
                    "vision encode \(label) → \(patches.gridWidth)×\(patches.gridHeight) patches, "
                        + "\(patches.mergedTokenCount) tokens", time, tower.flops(patches: patches.count)
                ))
            imageTokens = patches.mergedTokenCount
        }

        let language = try Qwen2LanguageModel(file: try GGUFFile(path: textPath))
        let c = language.config
        let promptLength = imageTokens + textTokens
        let cache = KVCache(config: c, capacity: promptLength + critiqueTokens + 1)
        let ids = (0..<promptLength).map { ($0 * 7919) % c.vocabularySize }
        let prefill = try Timed.measure {
            let hidden = try language.forward(
                try language.embed(ids), positions: ids.indices.map { MRoPEPosition(text: $0) }, cache: cache)
            _ = language.logits(hidden: hidden, row: promptLength - 1)
        }
        let layerParameters =
            Double(c.layers) * Double(2 * c.hidden * c.queryWidth + 2 * c.hidden * c.kvWidth + 3 * c.hidden * c.ffn)
        let prefillFlops =
            2 * Double(promptLength) * layerParameters + 2 * Double(c.hidden * c.vocabularySize)
            + 2 * Double(c.layers) * Double(promptLength * promptLength) * Double(c.queryWidth)
        phases.append(
            ("prefill \(promptLength) tokens (\(imageTokens) image + \(textTokens) text)", prefill, prefillFlops))

        let decode = try Timed.measure {
            var token = 1
            for step in 0..<critiqueTokens {
                let h = try language.forward(
                    try language.embed([token]), positions: [MRoPEPosition(text: promptLength + step)], cache: cache)
                token = Sampler.argmax(language.logits(hidden: h, row: 0))
            }
        }
        // The bounds again at the end: the machine is shared, so each is the better of two measurements.
        let (sgemm2, bandwidth2) = (Bounds.sgemmRate(n: 2048), Bounds.readBandwidth(bytes: 1 << 30, threads: 2))
        sgemm = (max(sgemm.wall, sgemm2.wall), max(sgemm.perCPUSecond, sgemm2.perCPUSecond))
        bandwidth = (max(bandwidth.wall, bandwidth2.wall), max(bandwidth.perCPU, bandwidth2.perCPU))
        print(
            String(
                format:
                    "bound  threads %d; cblas_sgemm 2048³: %.1f GFLOP/s wall, %.1f per CPU-second; read bandwidth %.1f GB/s wall, %.1f per CPU-time",
                Parallel.threadCount, sgemm.wall / 1e9, sgemm.perCPUSecond / 1e9, bandwidth.wall / 1e9,
                bandwidth.perCPU / 1e9))
        print("vision tower: \(tower.parameters / 1_000_000) M parameters (F16)")
        for (label, time, flops) in phases {
            print(
                String(
                    format:
                        "%@: %.2f s = %.1f GFLOP/s (%.2f TFLOP; sgemm bound %.2f s, %.0f%%); per CPU-time %.2f s, %.0f%% of sgemm",
                    label, time.wall, flops / time.wall / 1e9, flops / 1e12, flops / sgemm.wall,
                    100 * flops / sgemm.wall / time.wall, time.perCPU, 100 * flops / sgemm.perCPUSecond / time.cpu))
        }
        var bytes = 0
        for info in try GGUFFile(path: textPath).tensors where info.dims.count == 2 { bytes += info.byteCount }
        let perToken = decode.wall / Double(critiqueTokens)
        let tokenBound = Double(bytes) / bandwidth.wall
        print(
            String(
                format:
                    "decode %d tokens: %.1f ms/token = %.1f tokens/s; %.0f MB of weights per token → bound %.1f tokens/s (%.0f%%); per CPU-time %.1f tokens/s (%.0f%%)",
                critiqueTokens, perToken * 1e3, 1 / perToken, Double(bytes) / 1e6, 1 / tokenBound,
                100 * tokenBound / perToken, Double(critiqueTokens) / decode.perCPU,
                100 * Double(bytes) / bandwidth.perCPU / (decode.perCPU / Double(critiqueTokens))))
        let encode = phases[1]
        let total = encode.1.wall + prefill.wall + decode.wall
        let bound =
            encode.2 / sgemm.wall + prefillFlops / sgemm.wall + tokenBound * Double(critiqueTokens)
        let totalCPU = encode.1.perCPU + prefill.perCPU + decode.perCPU
        let boundCPU =
            (encode.2 + prefillFlops) / (sgemm.perCPUSecond * Double(Parallel.threadCount))
            + Double(bytes * critiqueTokens) / bandwidth.perCPU
        print(
            String(
                format:
                    "seconds per artwork (default image: encode + prefill + %d-token critique): %.1f s wall, bound %.1f s (%.0f%%); per CPU-time %.1f s, bound %.1f s (%.0f%%)",
                critiqueTokens, total, bound, 100 * bound / total, totalCPU, boundCPU, 100 * boundCPU / totalCPU))
        print(String(format: "peak memory (maxrss): %.0f MiB", Clock.peakResidentMiB()))
    }

    /// A deterministic RGB test pattern.
    static func pattern(width: Int, height: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 3
                out[i] = UInt8(truncatingIfNeeded: x ^ y)
                out[i + 1] = UInt8(truncatingIfNeeded: x &* 3)
                out[i + 2] = UInt8(truncatingIfNeeded: y &* 5)
            }
        }
        return out
    }
}
