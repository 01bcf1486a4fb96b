import ArgumentParser
import Foundation
import Quantize

/// `easel model quantize IN.gguf OUT.gguf --type q8_0|q4_k_m`: llama-quantize's Q8_0 and Q4_K_M in Easel.
struct ModelQuantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Quantize an F32/F16/BF16 GGUF model to Q8_0 or Q4_K_M (llama.cpp's scheme and block formats).")

    @Argument(help: "The GGUF file to read (F32, F16 or BF16 weights).")
    var input: String

    @Argument(help: "The GGUF file to write.")
    var output: String

    @Option(help: "q8_0 (8.5 bits per weight) or q4_k_m (about 4.9).")
    var type: QuantizationScheme

    func run() throws {
        let start = ContinuousClock.now
        let quantizer = try ModelQuantizer(path: input, scheme: type)
        let mebibyte = 1 << 20
        let progress = ProgressReporter(
            label: "quantizing to \(type.displayName) (MiB)",
            total: (quantizer.outputDataBytes + mebibyte - 1) / mebibyte)
        try quantizer.write(to: output) { done, _ in progress.advance(to: (done + mebibyte - 1) / mebibyte) }
        progress.finish()
        let counts = quantizer.plan.typeCounts.map { "\($0.type) \($0.count)" }.joined(separator: ", ")
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        let mib = String(format: "%.1f MiB", Double(size) / Double(mebibyte))
        let seconds = String(format: "%.1f s", (ContinuousClock.now - start).seconds)
        print(TextSanitizer.clean("\(output): \(type.displayName), \(mib) (\(counts)) in \(seconds)"))
    }
}

extension QuantizationScheme: ExpressibleByArgument {}
