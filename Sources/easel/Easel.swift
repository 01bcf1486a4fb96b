import ArgumentParser
import Store

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
            CheckCommand.self, RemoveCommand.self,
        ]
    )

    /// Runs the command; rows of the database that could not be read were skipped and are named at the end (one
    /// line each, never their content), with exit status 1.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            reportDamagedRows()
            exit(withError: error)
        }
        if reportDamagedRows() { exit(withError: ExitCode.failure) }
    }

    @discardableResult
    static func reportDamagedRows() -> Bool {
        let rows = DamageLog.drain()
        for row in rows { Console.error("easel: \(TextSanitizer.clean(row.description))") }
        return !rows.isEmpty
    }
}
