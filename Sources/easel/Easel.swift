import ArgumentParser
import Foundation
import Store
import TerminalSafety

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

    /// Runs the command, and prints any error (or help) through ``Console``, so that a file name, a class
    /// name or an argument quoted in a message is cleaned like every other output line. Rows of the database
    /// that could not be read were skipped; they are named at the end (one line each, table and row id, never
    /// their content), with exit status 1.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            reportDamagedRows()
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { Console.out("\(lines: message)") } else { Console.error("\(lines: message)") }
            }
            Foundation.exit(code.rawValue)
        }
        if reportDamagedRows() { Foundation.exit(ExitCode.failure.rawValue) }
    }

    @discardableResult
    static func reportDamagedRows() -> Bool {
        let rows = DamageLog.drain()
        for row in rows { Console.error("easel: \(row.description)") }
        return !rows.isEmpty
    }
}
