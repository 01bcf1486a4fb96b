import ArgumentParser
import Foundation
import GGUF
import QwenVL
import Tensor

/// `easel bench decode`: batched decoding (B sequences per step, every weight read once for all of them) against
/// one sequence at a time on the synthetic Qwen2-VL-2B Q4_K_M file: the weight pass alone (the small-batch kernel)
/// and the whole model step at a grading-sized context (attention over each sequence's own cache included).
public struct BenchDecode: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode tokens/s at B = 1 vs B = --batch sequences per step (2B-shaped Q4_K_M file).")

    @Option(help: "Sequences decoded together.")
    var batch = 4

    @Option(help: "Tokens already in each sequence's cache (a grading prompt is about 550, plus the critique).")
    var context = 600

    @Option(help: "Decode steps timed per configuration (after one warm-up step).")
    var steps = 16

    @Option(help: "Repetitions of the B = 1 / B = --batch pair (the ratio of each pair is reported).")
    var repeats = 2

    @Option(help: "Transformer layers of the synthetic model (28 = Qwen2-VL-2B).")
    var layers = 28

    @Option(help: "Use this synthetic GGUF (written if absent) instead of a temporary file.")
    var model: String?

    public func validate() throws {
        guard (2...WeightMatrix.batchLimit).contains(batch) else {
            throw ValidationError("--batch must be 2...\(WeightMatrix.batchLimit)")
        }
        guard layers >= 1, layers <= 28 else { throw ValidationError("--layers must be 1...28") }
        guard steps >= 1, repeats >= 1, context >= 0 else { throw ValidationError("counts must be positive") }
    }

    public func run() throws {
        let synthetic = SyntheticModel(layers: layers)
        let path = try synthetic.file(model, temporaryName: "easel-bench-decode")
        defer { if model == nil { try? FileManager.default.removeItem(atPath: path) } }
        let file = try GGUFFile(path: path)
        let language = try Qwen2LanguageModel(file: file)
        let weights = try WeightPass(file: file, synthetic: synthetic)
        print(
            "threads: \(Parallel.threadCount); \(layers) layers, "
                + String(format: "%.0f MB of weights per step", Double(weights.bytesPerToken) / 1e6)
                + "; load average: \(Clock.loadAverage())")
        for round in 1...repeats {
            let one = weights.decodeBatch(steps: steps, batch: 1)
            let many = weights.decodeBatch(steps: steps, batch: batch)
            print(
                String(
                    format: "round %d  weight pass: B=1 %.1f ms/step (%.1f tokens/s), B=%d %.1f ms/step "
                        + "(%.1f tokens/s): %.2f×", round, one * 1e3, 1 / one, batch, many * 1e3,
                    Double(batch) / many, Double(batch) * one / many))
            let single = try modelSteps(language, batch: 1)
            let batched = try modelSteps(language, batch: batch)
            print(
                String(
                    format: "round %d  model step at context %d: B=1 %.1f ms/step (%.1f tokens/s), B=%d %.1f ms/step "
                        + "(%.1f tokens/s): %.2f×; load %@", round, context, single * 1e3, 1 / single, batch,
                    batched * 1e3, Double(batch) / batched, Double(batch) * single / batched, Clock.loadAverage()))
        }
    }

    /// The median seconds of a decode step of `batch` sequences (hidden states and the logits of every row), each
    /// sequence's cache holding `context` tokens.
    func modelSteps(_ language: Qwen2LanguageModel, batch: Int) throws -> Double {
        let caches = (0..<batch).map { _ in KVCache(config: language.config, capacity: context + steps + 2) }
        for cache in caches { cache.assumeFilled(context) }
        var tokens = (0..<batch).map { 1000 + 97 * $0 }
        var times: [Double] = []
        for step in 0...steps {
            let start = Clock.now()
            let positions = (0..<batch).map { _ in MRoPEPosition(text: context + step) }
            let hidden = try language.decode(tokens, positions: positions, caches: caches)
            let logits = language.logits(hidden: hidden, rows: Array(0..<batch))
            let vocabulary = language.config.vocabularySize
            tokens = logits.withUnsafeBufferPointer { all in
                (0..<batch).map {
                    Sampler.argmax(UnsafeBufferPointer(rebasing: all[$0 * vocabulary..<($0 + 1) * vocabulary]))
                }
            }
            if step > 0 { times.append(Clock.since(start)) }
        }
        return Clock.median(times)
    }
}
