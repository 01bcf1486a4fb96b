import ArgumentParser
import Store
import TerminalSafety

/// `easel check`: is the database whole? Integrity, foreign keys, and every row decodable; read-only.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database without changing it: integrity, links between rows, every row readable.",
        discussion: "Exit status 1 when something is wrong; problems name tables and row ids, never their content.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let report = try Store.check(path: database.resolvedPath)
        for line in report.lines { Console.out("\(line)") }
        if !report.isClean { throw ExitCode.failure }
    }
}
