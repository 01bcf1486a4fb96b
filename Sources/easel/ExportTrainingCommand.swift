import ArgumentParser
import Foundation
import Grading
import Imaging
import Reports
import Rubric
import Store
import TerminalSafety

/// `easel export training --class NAME | --all -o DIR`: teacher-reviewed artworks as fine-tuning data.
struct ExportTrainingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training",
        abstract:
            "Write every teacher-reviewed artwork as a Qwen2-VL fine-tuning example (DIR/train.jsonl, DIR/images/).",
        discussion: """
            Each line of train.jsonl is {"messages": [system rubric prompt, user "<image>" + description, assistant \
            critique], "images": ["images/….png"], "scores": {five sub-scores, total}, "source": \
            "accepted"|"edited", "class": the class name (Training/'s validation split takes one in five of each \
            class), "description": the artist's description as stored, "title": the artwork's title}. Images are \
            decoded and re-encoded as PNG with no metadata (no EXIF, no GPS). `python -m easel_train train --data \
            DIR` reads this folder as it is (see docs/training.md).
            """)

    @Option(name: .customLong("class"), help: "Export this class's reviewed artworks.")
    var className: String?

    @Flag(help: "Export the reviewed artworks of every class.")
    var all = false

    @Option(name: [.short, .customLong("output")], help: "The folder to write (created when missing).")
    var output: String

    @Option(help: "Downscale images so their longest side is at most this many pixels (0 keeps full size).")
    var maxSide = 1024

    @Flag(help: "Also export reviews whose critique contradicts their scores (skipped and reported by default).")
    var includeContradicting = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (className != nil) != all else { throw ValidationError("give either --class NAME or --all") }
        guard maxSide >= 0 else { throw ValidationError("--max-side must be 0 or more") }
    }

    struct Item: Sendable {
        var source: Artwork
        var imageName: String
        var record: TrainingRecord
    }

    func run() async throws {
        let store = try database.open()
        let classes = try all ? store.classes().map(\.record) : [store.requireClass(className!)]
        var items: [Item] = []
        for record in classes {
            let slug = Self.slug(record.name)
            for result in try store.results(classID: record.id) {
                guard let review = result.review else { continue }
                // A critique whose band words or total contradict the scores would teach the model to contradict itself.
                if let problem = CritiqueCheck.contradictions(review.critique, scores: review.scores).first {
                    Console.error(
                        "\(includeContradicting ? "included" : "skipped") \(result.artwork.fileName): \(problem)"
                            + (includeContradicting
                                ? "" : " (press w in the review to rewrite it, or --include-contradicting)"))
                    if !includeContradicting { continue }
                }
                let name = "\(slug)-\(result.artwork.sha256.prefix(16)).png"
                items.append(
                    Item(
                        source: result.artwork, imageName: name,
                        record: TrainingRecord(
                            imagePath: "images/\(name)", description: result.artwork.description,
                            critique: review.critique, scores: review.scores, source: review.status.rawValue,
                            className: record.name, title: result.artwork.title)))
            }
        }
        guard !items.isEmpty else {
            throw CommandFailure("no reviewed artworks to export; review some with `easel review` first")
        }
        let folder = URL(fileURLWithPath: output)
        let images = folder.appendingPathComponent("images")
        // A failed run (a full disk) removes the images and folders it created: nothing half-written stays.
        let run = ExportRun()
        let jsonl = folder.appendingPathComponent("train.jsonl").path
        do {
            try run.makeFolder(images.path)
            let side = maxSide
            let progress = ProgressReporter(label: "exporting", total: items.count)
            try await Parallel.forEach(items) { item in
                var image = try ImageDecoder.decode(ArtworkFile.contents(of: item.source))
                if side > 0 { image = ImageResizer.downscale(image, toFitWidth: side, height: side) }
                try run.write(try PNGEncoder.encode(image), to: images.appendingPathComponent(item.imageName).path)
            } completed: { _, _ in
                progress.advance()
            }
            progress.finish()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            var lines = Data()
            for item in items {
                lines.append(try encoder.encode(item.record))
                lines.append(0x0A)
            }
            try run.write(lines, to: jsonl)
        } catch {
            run.rollBack()
            throw error
        }
        Console.out("wrote \(items.count) examples to \(jsonl) (images in \(images.path))")
    }

    /// A class name made safe for a file name.
    static func slug(_ name: String) -> String {
        let kept = name.lowercased().unicodeScalars.map { scalar -> Character in
            (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) && scalar.isASCII
                ? Character(scalar) : "-"
        }
        let slug = String(kept).split(separator: "-").joined(separator: "-")
        return slug.isEmpty ? "class" : slug
    }
}
