import ArgumentParser
import Foundation
import GGUF
import TerminalSafety

/// `easel model info FILE.gguf`: architecture, parameters, tensor types, context length and tokenizer of a file.
struct ModelInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show what a GGUF model file holds: architecture, parameter count, tensor types, context, tokenizer."
    )

    @Argument(help: "The GGUF file to inspect.")
    var file: String

    func run() async throws {
        let summary = try GGUFFile(path: file).summary()
        let rows: [(String, String)] = [
            ("file", "\(file) (\(ModelInfoCommand.mebibytes(summary.fileSize)), GGUF v\(summary.version))"),
            ("architecture", summary.architecture ?? "(not set)"),
            ("name", summary.name ?? "(not set)"),
            ("file type", summary.fileType ?? "(not set)"),
            ("parameters", ModelInfoCommand.parameters(summary.parameterCount)),
            ("tensors", summary.tensorTypes.map { "\($0.type) \($0.count)" }.joined(separator: ", ")),
            ("layers", summary.blockCount.map(String.init) ?? "(not set)"),
            ("embedding", summary.embeddingLength.map(String.init) ?? "(not set)"),
            ("context", summary.contextLength.map(String.init) ?? "(not set)"),
            ("tokenizer", ModelInfoCommand.tokenizer(summary)),
        ]
        for (label, value) in rows {
            Console.out("\(label.padding(toLength: 14, withPad: " ", startingAt: 0))\(value)")
        }
    }

    static func mebibytes(_ bytes: Int) -> String {
        String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }

    static func parameters(_ n: Int) -> String {
        let scaled =
            n >= 1_000_000_000 ? String(format: "%.2f B", Double(n) / 1e9) : String(format: "%.2f M", Double(n) / 1e6)
        return "\(scaled) (\(n))"
    }

    static func tokenizer(_ s: GGUFSummary) -> String {
        guard let model = s.tokenizerModel else { return "(none)" }
        var text = model
        if let pre = s.tokenizerPre { text += ", pre-tokenizer \(pre)" }
        if let vocab = s.vocabularySize { text += ", \(vocab) tokens" }
        return text
    }
}
