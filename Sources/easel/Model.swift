import ArgumentParser

/// `easel model`: inspect and run the GGUF models of the local inference engine.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Inspect and run local GGUF models (Qwen2-VL as llama.cpp's converter writes it).",
        subcommands: [ModelInfoCommand.self, ModelRunCommand.self, ModelQuantizeCommand.self]
    )
}
