import ArgumentParser
import Store
import TerminalSafety

/// `easel remove --class NAME FILE…`: hide artworks from the review, grading and exports, recoverably.
struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove artworks from a class (recoverable: --restore brings them back); each change is audited.",
        discussion: """
            FILE is the image's file name (or its full path) as imported. Nothing is deleted: the artwork, its \
            assessments and review stay in the database, hidden from review, grading and exports.
            """)

    @Option(name: .customLong("class"), help: "The class name.")
    var className: String

    @Flag(help: "Bring removed artworks back.")
    var restore = false

    @Argument(help: "The artworks' file names.")
    var files: [String]

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file") }
    }

    func run() throws {
        let store = try database.open()
        let record = try store.requireClass(className)
        let found = try store.artworks(classID: record.id, files: files)
        for artwork in found {
            if restore {
                try store.restoreArtwork(artworkID: artwork.id)
                Console.out("restored \(artwork.fileName) to \(record.name)")
            } else {
                try store.hideArtwork(artworkID: artwork.id)
                Console.out(
                    "removed \(artwork.fileName) from \(record.name); bring it back with "
                        + "`easel remove --restore --class \(record.name) \(artwork.fileName)`")
            }
        }
        let missing = files.filter { name in !found.contains { $0.fileName == name || $0.filePath == name } }
        for name in missing {
            Console.error("\(name): no such artwork in class \(record.name); see `easel status`")
        }
        if !missing.isEmpty { throw ExitCode.failure }
    }
}
