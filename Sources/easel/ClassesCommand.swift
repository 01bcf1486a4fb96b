import ArgumentParser
import Store
import TerminalSafety

/// `easel classes`: every class with its counts.
struct ClassesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classes", abstract: "List the classes with their counts.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let classes = try store.classes()
        if classes.isEmpty {
            Console.out("No classes yet in \(store.path). Import one with: easel import DIR --class NAME")
            return
        }
        let rows = classes.map { summary -> [String] in
            let c = summary.counts
            return [
                summary.record.name, "\(c.imported)", "\(c.graded)", "\(c.reviewed)",
                "\(c.remaining)",
            ]
        }
        Console.out(TextTable.render(header: ["class", "artworks", "graded", "reviewed", "remaining"], rows: rows))
    }
}
