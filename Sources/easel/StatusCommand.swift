import ArgumentParser
import Store
import TerminalSafety

/// `easel status --class NAME`: how far one class has come.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a class's progress: imported, graded, reviewed, remaining.")

    @Option(name: .customLong("class"), help: "The class name.")
    var className: String

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let record = try store.requireClass(className)
        Console.out(StatusCommand.summary(of: try store.statusCounts(classID: record.id), className: record.name))
    }

    /// The status lines of a class.
    static func summary(of c: StatusCounts, className: String) -> TerminalText {
        """
        class \(className)
          imported   \(c.imported)
          graded     \(c.graded)
          reviewed   \(c.reviewed) (accepted \(c.accepted), edited \(c.edited))
          remaining  \(c.remaining)
        """
    }
}
