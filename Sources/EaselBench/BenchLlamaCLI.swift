import Foundation

/// One run of llama.cpp's `llama-qwen2vl-cli` on one artwork (the per-artwork baseline of `easel bench class`):
/// its wall-clock time (process start to exit: model load from the page cache included, as a teacher would run it)
/// and the phases it reports itself.
struct LlamaCLIRun {
    /// Seconds from launch to exit.
    var wall = 0.0
    /// "image encoded in … ms by CLIP".
    var vision: Double?
    /// "prompt eval time" (the prompt with the image's embeddings).
    var prefill: Double?
    /// "eval time" (the generated tokens).
    var decode: Double?

    /// Runs `binary` as the acceptance line does (`-n tokens --temp 0 --ignore-eos -t threads`) and keeps
    /// its log at `log`.
    static func run(
        _ binary: String, text: String, vision: String, image: String, prompt: String, tokens: Int, threads: Int,
        log: String
    ) throws -> LlamaCLIRun {
        var result = LlamaCLIRun()
        result.wall = try LoggedProcess.run(
            binary,
            [
                "-m", text, "--mmproj", vision, "--image", image, "-p", prompt, "-n", String(tokens), "--temp", "0",
                "--ignore-eos", "-t", String(threads),
            ], log: log)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        result.vision = milliseconds(in: output, after: "image encoded in")
        result.prefill = milliseconds(in: output, after: "prompt eval time =")
        result.decode = milliseconds(in: output, after: " eval time =", excluding: "prompt eval time")
        return result
    }

    /// The number of milliseconds right after the first line holding `marker` (and not `excluding`), in seconds.
    static func milliseconds(in output: String, after marker: String, excluding: String? = nil) -> Double? {
        for line in output.split(separator: "\n") where line.contains(marker) {
            if let excluding, line.contains(excluding) { continue }
            guard let range = line.range(of: marker) else { continue }
            let rest = line[range.upperBound...].drop { $0 == " " }
            let number = rest.prefix { $0.isNumber || $0 == "." }
            if let value = Double(number) { return value / 1000 }
        }
        return nil
    }
}
