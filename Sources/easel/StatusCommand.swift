import ArgumentParser
import Store

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
        print(StatusCommand.summary(of: try store.statusCounts(classID: record.id), className: record.name))
    }

    /// The status lines of a class.
    static func summary(of c: StatusCounts, className: String) -> String {
        """
        class \(TextSanitizer.clean(className))
          imported   \(c.imported)
          graded     \(c.graded)
          reviewed   \(c.reviewed) (accepted \(c.accepted), edited \(c.edited))
          remaining  \(c.remaining)
        """
    }
}
