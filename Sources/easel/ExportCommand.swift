import ArgumentParser

/// `easel export ...`: reports and data out of the store. Each export is its own subcommand.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a class: the CSV report, a printable report, training data.",
        subcommands: [ExportCSVCommand.self, ExportHTMLCommand.self, ExportTrainingCommand.self])
}
