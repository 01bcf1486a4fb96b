import ArgumentParser
import ClassImport
import EaselTestSupport
import Foundation
import Store

/// `easel bench import`: import throughput on generated images, and where the time goes.
public struct BenchImport: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Generate images in a temporary folder, import them into a fresh database, report images/s.")

    @Option(help: "How many images.")
    var count = 1000

    @Option(help: "Image width in pixels.")
    var width = 640

    @Option(help: "Image height in pixels.")
    var height = 480

    @Option(help: "png, jpeg or mixed.")
    var format: String = "mixed"

    @Option(
        name: .customLong("photo"),
        help: "Use copies of this JPEG instead of generated images (each made distinct by a few bytes after its end).")
    var photo: String?

    public func run() throws {
        guard let format = SyntheticImages.Format(rawValue: format) else {
            throw ValidationError("--format must be png, jpeg or mixed")
        }
        let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = (root as NSString).appendingPathComponent("images")
        let clock = ContinuousClock()
        if let photo {
            let data = try Data(contentsOf: URL(fileURLWithPath: photo))
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for index in 0..<count {
                // Bytes after a JPEG's end marker are ignored by decoders but change the content hash.
                let copy = data + Data("easel-bench-\(index)".utf8)
                try copy.write(
                    to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("photo\(index).jpg")))
            }
            print("copied \(photo) \(count) times (\(data.count) bytes each)")
        } else {
            let generate = try clock.measure {
                try SyntheticImages.writeFolder(folder, count: count, width: width, height: height, format: format)
            }
            print("generated \(count) \(format.rawValue) images of \(width)×\(height) in \(Self.seconds(generate)) s")
        }
        let store = try Store(path: (root as NSString).appendingPathComponent("bench.sqlite"))
        let first = try ClassImporter(store: store).importFolder(folder, className: "bench")
        let again = try ClassImporter(store: store).importFolder(folder, className: "bench")
        let t = first.timings
        let wall = Self.seconds(t.wall)
        print(
            """
            first import:  \(first.added.count) added in \(wall) s = \(Self.rate(Double(first.added.count), t.wall)) images/s, \
            \(Self.rate(Double(first.bytes) / 1e6, t.wall)) MB/s (\(first.bytes / Int64(max(1, count))) bytes per image)
              CPU time per image by stage (reading, hashing and checking run on \
            \(ProcessInfo.processInfo.activeProcessorCount) cores at once, storing one at a time):
                read      \(Self.ms(t.read, count)) ms/image
                hash      \(Self.ms(t.hash, count)) ms/image (SHA-256, \(Self.rate(Double(first.bytes) / 1e6, t.hash)) MB/s)
                validate  \(Self.ms(t.validate, count)) ms/image (header + 1/8-scale validation decode)
                store     \(Self.ms(t.store, count)) ms/image (one transaction per artwork; \(Self.ms(t.storeWall, count)) ms wall-clock with the disk sync)
            second import: \(again.unchanged.count) unchanged, \(again.added.count) added in \(Self.seconds(again.timings.wall)) s = \
            \(Self.rate(Double(count), again.timings.wall)) images/s
            """)
    }

    static func seconds(_ d: Duration) -> String { String(format: "%.2f", d.seconds) }
    static func ms(_ d: Duration, _ n: Int) -> String { String(format: "%.2f", d.seconds * 1000 / Double(max(1, n))) }
    static func rate(_ amount: Double, _ d: Duration) -> String {
        String(format: "%.1f", amount / max(1e-9, d.seconds))
    }
}
