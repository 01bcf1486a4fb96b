import ArgumentParser
import COpenBLAS
import Foundation
import GGUF
import Tensor

/// `easel bench engine`: the inference engine's kernels on a synthetic Qwen2-VL-2B Q4_K_M file, against the
/// machine's own bounds measured in the same run (read bandwidth for decode, `cblas_sgemm` rate for prefill).
struct BenchEngine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Decode/prefill weight passes on a synthetic Qwen2-VL-2B Q4_K_M model vs bandwidth and sgemm bounds.")

    @Option(help: "Transformer layers of the synthetic model (28 = Qwen2-VL-2B).")
    var layers: Int = 28

    @Option(help: "Decode-equivalent weight passes to time (after one warm-up).")
    var decodeTokens: Int = 16

    @Option(help: "Prompt length for the prefill matmuls.")
    var prefillTokens: Int = 128

    @Option(help: "Greedy decode steps of the whole language model after the prompt (0 skips the model run).")
    var modelDecodeTokens: Int = 128

    @Option(help: "Use this synthetic GGUF (written if absent) instead of a temporary file.")
    var model: String?

    func run() throws {
        let synthetic = SyntheticModel(layers: layers)
        let path =
            model
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("easel-bench-qwen2vl-2b-q4km-\(getpid()).gguf").path
        defer { if model == nil { try? FileManager.default.removeItem(atPath: path) } }
        if !FileManager.default.fileExists(atPath: path) {
            let t = Clock.now()
            try synthetic.write(to: path)
            print(String(format: "wrote %@ in %.1f s", path, Clock.since(t)))
        }
        let file = try GGUFFile(path: path)
        let threads = Parallel.threadCount
        print(
            "model: \(file.summary().parameterCount / 1_000_000) M parameters, "
                + "\(String(format: "%.1f", Double(file.fileSize) / 1_048_576)) MiB; threads: \(threads); "
                + "AVX2 kernels: \(Kernels.simdEnabled)")

        let bandwidth = Bounds.readBandwidth(bytes: 1 << 30, threads: threads)
        print(String(format: "read bandwidth (%d threads, 1 GiB): %.1f GB/s", threads, bandwidth / 1e9))
        let sgemm = Bounds.sgemmRate(n: 2048)
        print(String(format: "cblas_sgemm 2048³: %.1f GFLOP/s", sgemm / 1e9))

        let weights = try WeightPass(file: file, synthetic: synthetic)
        let decode = weights.decode(tokens: decodeTokens)
        let bound = bandwidth / Double(weights.bytesPerToken)
        print(
            String(
                format:
                    "decode weight pass: %.2f ms/token = %.1f tokens/s; %.0f MB read per token → bound %.1f tokens/s; %.0f%% of bound",
                decode * 1e3, 1 / decode, Double(weights.bytesPerToken) / 1e6, bound, 100 / decode / bound))
        let prefill = weights.prefill(tokens: prefillTokens)
        let flops = 2 * Double(prefillTokens) * Double(weights.layerParameters)
        print(
            String(
                format:
                    "prefill matmuls (%d tokens, layers only): %.2f s = %.1f tokens/s, %.1f GFLOP/s; %.0f%% of sgemm rate",
                prefillTokens, prefill, Double(prefillTokens) / prefill, flops / prefill / 1e9,
                100 * flops / prefill / sgemm))
        if modelDecodeTokens > 0 {
            let run = try ModelRun(file: file, prefillTokens: prefillTokens, decodeTokens: modelDecodeTokens)
            let modelFlops = 2 * Double(prefillTokens) * Double(weights.layerParameters)
            print(
                String(
                    format: "model prefill (%d-token prompt, whole model + last logits): %.2f s = %.1f tokens/s; "
                        + "layer matmuls at %.0f%% of sgemm rate",
                    prefillTokens, run.prefillSeconds, run.prefillTokensPerSecond,
                    100 * modelFlops / run.prefillSeconds / sgemm))
            print(
                String(
                    format:
                        "model decode (%d greedy tokens, whole model): %.1f tokens/s = %.0f%% of the bandwidth bound",
                    modelDecodeTokens, run.decodeTokensPerSecond, 100 * run.decodeTokensPerSecond / bound))
        }
        print(String(format: "peak memory (maxrss): %.0f MiB", Clock.peakResidentMiB()))
    }
}

/// Timing and memory helpers for the benchmarks.
enum Clock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    static func since(_ t: Double) -> Double { now() - t }

    static func peakResidentMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
