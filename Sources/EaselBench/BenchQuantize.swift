import ArgumentParser
import EaselTestSupport
import Foundation
import GGUF
import Quantize
import QwenVL
import Tensor
import TerminalSafety

/// `easel bench quantize`: Easel's Q4_K_M quantizer against llama-quantize on a synthetic Qwen2-VL-2B-shaped F16
/// model: per-tensor RMS error against the F16 weights (the ratio Easel/llama.cpp), and the time each tool took.
public struct BenchQuantize: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Q4_K_M error and speed vs llama-quantize on a synthetic Qwen2-VL-2B-shaped F16 model.")

    @Option(help: "Transformer layers of the synthetic model (28 = Qwen2-VL-2B).")
    var layers: Int = 28

    @Option(help: "The llama-quantize binary (llama.cpp built from source); without it only Easel is measured.")
    var llamaQuantize: String?

    @Option(help: "Keep the three model files in this folder (default: a temporary folder, removed after).")
    var workDirectory: String?

    @Flag(help: "Show every tensor (default: the first two layers, the last, and the embedding).")
    var allTensors = false

    @Option(
        help:
            "The Qwen2 vocabulary (qwen.tiktoken) stored in the synthetic model; default ../shared/data/qwen2/qwen.tiktoken."
    )
    var vocabulary: String?

    public func validate() throws {
        guard layers >= 1, layers <= 28 else { throw ValidationError("--layers must be 1...28") }
        if let llamaQuantize, !FileManager.default.isExecutableFile(atPath: llamaQuantize) {
            throw ValidationError("\(llamaQuantize) is not an executable llama-quantize")
        }
    }

    public func run() throws {
        let folder =
            workDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("easel-bench-quantize-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if workDirectory == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let f16 = folder + "/synthetic-f16.gguf"
        let ours = folder + "/easel-q4_k_m.gguf"
        let theirs = folder + "/llama-q4_k_m.gguf"
        print("threads: \(Parallel.threadCount); load average: \(Clock.loadAverage()) (a shared machine)")
        if !FileManager.default.fileExists(atPath: f16) {
            let t = Clock.now()
            var synthetic = SyntheticModel(layers: layers)
            synthetic.vocabulary = try SyntheticModel.qwenVocabulary(at: vocabulary)
            try RandomF16Model.write(synthetic: synthetic, to: f16, scratch: folder)
            print(String(format: "wrote %@ in %.1f s", f16, Clock.since(t)))
        }
        let original = try GGUFFile(path: f16)
        let parameters = Double(original.summary().parameterCount)

        let t0 = Clock.now()
        try ModelQuantizer(input: original, scheme: .q4_k_m).write(to: ours)
        let easelSeconds = Clock.since(t0)
        print(
            String(
                format: "easel model quantize: %.1f s (%.1f M weights/s)", easelSeconds, parameters / easelSeconds / 1e6
            ))
        var llamaSeconds: Double?
        if let llamaQuantize {
            // All threads, as Easel's quantizer uses.
            llamaSeconds = try LoggedProcess.run(
                llamaQuantize, [f16, theirs, "Q4_K_M", String(Parallel.threadCount)],
                log: folder + "/llama-quantize.log")
            print(
                String(
                    format: "llama-quantize:       %.1f s (%.1f M weights/s); Easel takes %.2f× its time",
                    llamaSeconds!, parameters / llamaSeconds! / 1e6, easelSeconds / llamaSeconds!))
        }

        let easel = try QuantizationErrorReport(original: original, quantized: try GGUFFile(path: ours))
        let llama = try llamaSeconds.map { _ in
            try QuantizationErrorReport(original: original, quantized: try GGUFFile(path: theirs))
        }
        print(Self.table(easel: easel, llama: llama, all: allTensors, layers: layers))
        if let llama { print(Self.summary(easel: easel, llama: llama)) }

        // What `easel model run --model FILE --prompt … --max-tokens 8` does, on the file Easel quantized: the
        // model's own tokenizer (Qwen2's vocabulary is stored in it), prefill, greedy decode, text. The weights
        // are random, so the words are too; the point is that the file loads and generates.
        let prompt = "Describe the colours in this painting."
        let engine = try QwenVLModel(path: ours)
        let result = try engine.generate(
            prompt: engine.tokenizer.encode(prompt), options: GenerationOptions(maxTokens: 8, temperature: 0))
        print(
            "easel model run --model \(ours) --prompt \"\(prompt)\" --max-tokens 8 → "
                + "\"\(Sanitizer.clean(result.text))\" (\(result.tokens.count) tokens, stop: \(result.stopReason.rawValue))"
        )
    }

    /// The per-tensor table: type and RMS error of each tool, and their ratio.
    static func table(easel: QuantizationErrorReport, llama: QuantizationErrorReport?, all: Bool, layers: Int) -> String
    {
        let theirs = Dictionary(uniqueKeysWithValues: (llama?.rows ?? []).map { ($0.name, $0) })
        let shown = Set(["blk.0.", "blk.1.", "blk.\(layers - 1)."])
        var rows: [[String]] = []
        for row in easel.rows where all || !row.name.hasPrefix("blk.") || shown.contains(where: row.name.hasPrefix) {
            var cells = [row.name, "\(row.type)", String(format: "%.3e", row.rmsError / row.rms)]
            if let other = theirs[row.name] {
                cells += [
                    "\(other.type)", String(format: "%.3e", other.rmsError / other.rms),
                    String(format: "%.4f", row.rmsError / other.rmsError),
                ]
            }
            rows.append(cells)
        }
        var header = ["tensor", "easel", "rel. RMS error"]
        if llama != nil { header += ["llama.cpp", "rel. RMS error", "ratio"] }
        return TextTable.render(header: header, rows: rows).description
    }

    /// The worst and mean Easel/llama.cpp error ratio per tensor kind (attn_q, ffn_down, token_embd, ...).
    static func summary(easel: QuantizationErrorReport, llama: QuantizationErrorReport) -> String {
        let theirs = Dictionary(uniqueKeysWithValues: llama.rows.map { ($0.name, $0) })
        var kinds: [String: [Double]] = [:]
        var order: [String] = []
        var mismatched: [String] = []
        for row in easel.rows {
            guard let other = theirs[row.name] else { continue }
            if other.type != row.type { mismatched.append(row.name) }
            let parts = row.name.split(separator: ".")
            let kind = (parts.first == "blk" && parts.count > 2 ? String(parts[2]) : String(parts[0])) + " \(row.type)"
            if kinds[kind] == nil { order.append(kind) }
            kinds[kind, default: []].append(row.rmsError / max(other.rmsError, .leastNonzeroMagnitude))
        }
        let rows = order.map { kind -> [String] in
            let ratios = kinds[kind]!
            return [
                kind, "\(ratios.count)", String(format: "%.4f", ratios.reduce(0, +) / Double(ratios.count)),
                String(format: "%.4f", ratios.max()!),
            ]
        }
        let all = kinds.values.flatMap { $0 }
        var text =
            "\n" + TextTable.render(header: ["kind", "tensors", "mean ratio", "worst ratio"], rows: rows).description
        text += String(
            format: "\nworst ratio over %d tensors: %.4f (acceptance: ≤ 1.05); tensors typed differently: %d",
            all.count, all.max() ?? 0, mismatched.count)
        return text
    }
}

/// A model with the tensor table and metadata of another, its matrices random normal F16 values.
enum RandomF16Model {
    /// Writes `synthetic`'s shape to `path` as F16: weights N(0, σ²) with σ = 0.02 (Qwen2's initializer range)
    /// scaled per row by exp(0.3·N(0, 1)) so that blocks and rows differ in range as trained weights do; norms and
    /// biases as the synthetic model has them. A Q4_K_M template file goes through `scratch` and is removed.
    static func write(synthetic: SyntheticModel, to path: String, scratch: String) throws {
        let template = scratch + "/template-q4_k_m.gguf"
        try synthetic.write(to: template)
        defer { try? FileManager.default.removeItem(atPath: template) }
        let file = try GGUFFile(path: template)
        var writer = GGUFWriter(alignment: file.alignment)
        for key in file.metadata.keys where key != "general.alignment" { writer.set(key, file.metadata[key]!) }
        writer.set("general.file_type", .uint32(1))
        writer.set("general.name", .string("synthetic Qwen2-VL-2B shape (random normal F16 weights)"))
        for (index, t) in file.tensors.enumerated() {
            if t.dims.count == 1 {
                try writer.addTensor(name: t.name, dims: t.dims, floats: try file.floats(t.name))
                continue
            }
            let cols = t.cols
            try writer.addTensor(name: t.name, type: .f16, dims: t.dims) { buffer, offset in
                let firstRow = offset / (2 * cols)
                let rows = buffer.count / (2 * cols)
                let out = buffer.baseAddress!.assumingMemoryBound(to: UInt16.self)
                Parallel.forRanges(rows, minimumChunk: 8) { range in
                    for r in range {
                        var random = XorShift64(seed: UInt64(index) << 40 ^ UInt64(firstRow + r))
                        let scale = 0.02 * Float(exp(0.3 * normal(&random)))
                        for i in 0..<cols { out[r * cols + i] = Kernels.halfBits(scale * Float(normal(&random))) }
                    }
                }
            }
        }
        try writer.write(to: path)
    }

    /// A standard normal value (Box–Muller).
    static func normal(_ random: inout XorShift64) -> Double {
        let u = (Double(random.next() >> 11) + 1) / 9_007_199_254_740_992  // (0, 1]: log(u) stays finite
        let v = Double(random.next() >> 11) / 9_007_199_254_740_992
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
