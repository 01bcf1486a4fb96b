import ArgumentParser
import Foundation
import GGUF
import QwenVL
import Tensor

/// `easel bench vision`: the vision tower, prefill and decode with Qwen2-VL-2B shapes (synthetic random weights:
/// an F16 mmproj and a Q4_K_M text model), and seconds per artwork end to end, each beside the machine's bound.
struct BenchVision: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    func run() throws {
        let temp = FileManager.default.temporaryDirectory
        let visionPath = temp.appendingPathComponent("easel-bench-mmproj-\(getpid()).gguf").path
        let textPath = temp.appendingPathComponent("easel-bench-text-\(getpid()).gguf").path
        defer {
            try? FileManager.default.removeItem(atPath: visionPath)
            try? FileManager.default.removeItem(atPath: textPath)
        }
        let tower = SyntheticVisionTower(layers: visionLayers)
        let text = SyntheticModel(layers: layers)
        var t = Clock.now()
        try tower.write(to: visionPath)
        try text.write(to: textPath)
        print(String(format: "wrote synthetic F16 vision tower and Q4_K_M text model in %.1f s", Clock.since(t)))
        let threads = Parallel.threadCount
        let sgemm = Bounds.sgemmRate(n: 2048).wall
        let bandwidth = Bounds.readBandwidth(bytes: 1 << 30, threads: threads).wall
        print(
            String(
                format: "threads %d; cblas_sgemm 2048³: %.1f GFLOP/s; read bandwidth: %.1f GB/s", threads, sgemm / 1e9,
                bandwidth / 1e9))

        let vision = try VisionTower(path: visionPath)
        print("vision tower: \(tower.parameters / 1_000_000) M parameters (F16)")
        var encodeSeconds = 0.0
        var imageTokens = 0
        for (label, width, height) in [("448×448", 448, 448), ("default, 4032×3024 photo", 4032, 3024)] {
            let patches = try vision.preprocessor().patches(
                rgb: Self.pattern(width: width, height: height), width: width, height: height)
            t = Clock.now()
            _ = try vision.encode(patches)
            let seconds = Clock.since(t)
            let flops = tower.flops(patches: patches.count)
            print(
                String(
                    format:
                        "vision encode %@ → %d×%d patches, %d tokens: %.2f s, %.0f GFLOP → %.1f GFLOP/s; sgemm bound %.2f s (%.0f%%)",
                    label, patches.gridWidth, patches.gridHeight, patches.mergedTokenCount, seconds, flops / 1e9,
                    flops / seconds / 1e9, flops / sgemm, 100 * flops / sgemm / seconds))
            encodeSeconds = seconds
            imageTokens = patches.mergedTokenCount
        }

        let language = try Qwen2LanguageModel(file: try GGUFFile(path: textPath))
        let c = language.config
        let promptLength = imageTokens + textTokens
        let cache = KVCache(config: c, capacity: promptLength + critiqueTokens + 1)
        let ids = (0..<promptLength).map { ($0 * 7919) % c.vocabularySize }
        t = Clock.now()
        let hidden = try language.forward(
            try language.embed(ids), positions: ids.indices.map { MRoPEPosition(text: $0) }, cache: cache)
        _ = language.logits(hidden: hidden, row: promptLength - 1)
        let prefill = Clock.since(t)
        let layerParameters =
            Double(c.layers) * Double(2 * c.hidden * c.queryWidth + 2 * c.hidden * c.kvWidth + 3 * c.hidden * c.ffn)
        let prefillFlops =
            2 * Double(promptLength) * layerParameters + 2 * Double(c.hidden * c.vocabularySize)
            + 2 * Double(c.layers) * Double(promptLength * promptLength) * Double(c.queryWidth)
        print(
            String(
                format:
                    "prefill %d tokens (%d image + %d text): %.2f s = %.1f tokens/s, %.1f GFLOP/s; sgemm bound %.2f s (%.0f%%)",
                promptLength, imageTokens, textTokens, prefill, Double(promptLength) / prefill,
                prefillFlops / prefill / 1e9,
                prefillFlops / sgemm, 100 * prefillFlops / sgemm / prefill))

        var bytes = 0
        let file = try GGUFFile(path: textPath)
        for info in file.tensors where info.dims.count == 2 { bytes += info.byteCount }
        t = Clock.now()
        var token = 1
        for step in 0..<critiqueTokens {
            let h = try language.forward(
                try language.embed([token]), positions: [MRoPEPosition(text: promptLength + step)], cache: cache)
            token = Sampler.argmax(language.logits(hidden: h, row: 0))
        }
        let decode = Clock.since(t) / Double(critiqueTokens)
        let decodeBound = Double(bytes) / bandwidth
        print(
            String(
                format:
                    "decode: %.1f ms/token = %.1f tokens/s; %.0f MB of weights per token → bound %.1f tokens/s (%.0f%%)",
                decode * 1e3, 1 / decode, Double(bytes) / 1e6, 1 / decodeBound, 100 * decodeBound / decode))
        let total = encodeSeconds + prefill + decode * Double(critiqueTokens)
        let bound =
            tower.flops(patches: imageTokens * 4) / sgemm + prefillFlops / sgemm + decodeBound * Double(critiqueTokens)
        print(
            String(
                format:
                    "seconds per artwork (default image, encode + prefill + %d-token critique): %.1f s; bound %.1f s (%.0f%%)",
                critiqueTokens, total, bound, 100 * bound / total))
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
