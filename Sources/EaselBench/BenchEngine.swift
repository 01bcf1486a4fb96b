import ArgumentParser
import Foundation
import GGUF
import Tensor

/// `easel bench engine`: the inference engine on a synthetic Qwen2-VL-2B Q4_K_M file, against the machine's own
/// bounds measured in the same run (read bandwidth for decode, `cblas_sgemm` rate for prefill).
public struct BenchEngine: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Decode and prefill on a synthetic Qwen2-VL-2B Q4_K_M model vs bandwidth and sgemm bounds.")

    @Option(help: "Transformer layers of the synthetic model (28 = Qwen2-VL-2B).")
    var layers: Int = 28

    @Option(help: "Decode-equivalent weight passes to time (after one warm-up).")
    var decodeTokens: Int = 16

    @Option(help: "Prompt length for prefill.")
    var prefillTokens: Int = 128

    @Option(help: "Greedy decode steps of the whole language model after the prompt (0 skips the model run).")
    var modelDecodeTokens: Int = 128

    @Option(help: "Use this synthetic GGUF (written if absent) instead of a temporary file.")
    var model: String?

    public func validate() throws {
        guard layers >= 1, layers <= 28 else { throw ValidationError("--layers must be 1...28") }
        guard decodeTokens >= 1, prefillTokens >= 1, modelDecodeTokens >= 0 else {
            throw ValidationError("token counts must be positive")
        }
    }

    public func run() throws {
        let synthetic = SyntheticModel(layers: layers)
        let path = try synthetic.file(model, temporaryName: "easel-bench-qwen2vl-2b-q4km")
        defer { if model == nil { try? FileManager.default.removeItem(atPath: path) } }
        let file = try GGUFFile(path: path)
        let threads = Parallel.threadCount
        print(
            "model: \(file.summary().parameterCount / 1_000_000) M parameters, "
                + String(format: "%.1f MiB", Double(file.fileSize) / 1_048_576)
                + "; threads: \(threads); AVX2 kernels: \(Kernels.simdEnabled); load average: \(Clock.loadAverage())")

        let bandwidth = Bounds.readBandwidth(bytes: 1 << 30, threads: threads)
        print(
            String(
                format: "bound  read bandwidth (%d threads, 1 GiB, best of 5): %.1f GB/s wall, %.1f GB/s per CPU-time",
                threads, bandwidth.wall / 1e9, bandwidth.perCPU / 1e9))
        let sgemm = Bounds.sgemmRate(n: 2048)
        print(
            String(
                format: "bound  cblas_sgemm 2048³ (best of 3): %.1f GFLOP/s wall, %.1f GFLOP per CPU-second",
                sgemm.wall / 1e9, sgemm.perCPUSecond / 1e9))

        let weights = try WeightPass(file: file, synthetic: synthetic)
        let bytes = Double(weights.bytesPerToken)
        let bound = bandwidth.wall / bytes
        let boundCPU = bandwidth.perCPU / bytes
        print(
            String(
                format: "bound  decode: %.0f MB of weights per token → %.1f tokens/s wall, %.1f per CPU-time",
                bytes / 1e6, bound, boundCPU))
        let decode = weights.decode(tokens: decodeTokens)
        print(
            String(
                format: "kernel decode weight pass: %.1f ms/token mean, %.1f median = %.1f tokens/s (%.0f%% of bound); "
                    + "per CPU-time %.1f tokens/s (%.0f%%)",
                decode.mean * 1e3, decode.median * 1e3, 1 / decode.median, 100 / decode.median / bound,
                Double(threads) / decode.cpu, 100 * Double(threads) / decode.cpu / boundCPU))
        let flops = 2 * Double(prefillTokens) * Double(weights.layerParameters)
        let prefill = weights.prefill(tokens: prefillTokens)
        print(
            String(
                format: "kernel prefill matmuls (%d tokens): %.2f s = %.1f GFLOP/s (%.0f%% of sgemm); "
                    + "%.1f GFLOP per CPU-second (%.0f%% of sgemm's)",
                prefillTokens, prefill.wall, flops / prefill.wall / 1e9, 100 * flops / prefill.wall / sgemm.wall,
                flops / prefill.cpu / 1e9, 100 * flops / prefill.cpu / sgemm.perCPUSecond))
        if modelDecodeTokens > 0 {
            let run = try ModelRun(file: file, prefillTokens: prefillTokens, decodeTokens: modelDecodeTokens)
            print(
                String(
                    format: "model  prefill (%d-token prompt → first logits): %.2f s = %.1f tokens/s; "
                        + "matmuls at %.0f%% of sgemm (%.0f%% per CPU-second)",
                    prefillTokens, run.prefill.wall, Double(prefillTokens) / run.prefill.wall,
                    100 * flops / run.prefill.wall / sgemm.wall, 100 * flops / run.prefill.cpu / sgemm.perCPUSecond))
            print(
                String(
                    format: "model  decode (%d greedy tokens): %.1f tokens/s mean, %.1f median step "
                        + "(%.0f%% of bound); per CPU-time %.1f tokens/s (%.0f%%)",
                    modelDecodeTokens, Double(modelDecodeTokens) / run.decodeSeconds, 1 / run.medianStep,
                    100 / run.medianStep / bound, Double(threads) / run.medianStepCPU,
                    100 * Double(threads) / run.medianStepCPU / boundCPU))
        }
        print(String(format: "peak memory (maxrss): %.0f MiB", Clock.peakResidentMiB()))
    }
}
