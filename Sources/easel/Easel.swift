import ArgumentParser

/// The `easel` command: import a class, grade it, review it, report it.
@main
struct Easel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "easel",
        abstract: "A terminal workstation that helps art teachers grade artworks, on their own machine.",
        version: "0.1.0",
        subcommands: [
            ImportCommand.self, ClassesCommand.self, StatusCommand.self, GradeCommand.self, CalibrateCommand.self,
            EvalCommand.self, ReviewCommand.self, ExportCommand.self, DemoCommand.self, Bench.self, ModelCommand.self,
        ]
    )
}
