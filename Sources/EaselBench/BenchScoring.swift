import ArgumentParser
import Foundation
import Grading
import Imaging

/// `easel bench scoring`: built-in scoring throughput on 1 MP images, from file bytes to assessment.
public struct BenchScoring: AsyncParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "scoring",
        abstract: "Time the built-in scorer on 1 MP JPEG and PNG artworks (artworks per second).")

    @Option(help: "Folder of source images (default: ../shared/data/images; synthetic pictures when absent).")
    var images: String?

    @Option(help: "How many artworks to score per format.")
    var count = 200

    @Option(help: "Concurrent workers (the target is measured on 2).")
    var jobs = 2

    public func run() async throws {
        let sources = try loadSources()
        print("\(sources.count) source pictures, resized to about 1 MP; \(count) artworks per format, \(jobs) workers")
        print("wall = elapsed time / artworks; cpu = process CPU time / artworks; 2-core rate = 2 s / cpu")
        let side = BuiltinScorer.workingSide
        let previews = sources.map { ImageResizer.downscale($0, toFitWidth: side, height: side) }
        let n = count
        let measureOnly = try await Self.timed {
            _ = try await Parallel.map(Array(0..<n), width: jobs) { i in
                ArtworkProfile(id: "\(i)", image: previews[i % previews.count], description: "artwork \(i)")
            }
        }
        report("measure only (\(side) px input)", measureOnly, n)
        for format in ["jpeg", "png"] {
            let files: [Data] = try sources.map { image in
                format == "jpeg" ? try JPEGEncoder.encode(image, quality: 90) : try PNGEncoder.encode(image)
            }
            var profiles: [ArtworkProfile] = []
            let measuring = try await Self.timed {
                profiles = try await Parallel.map(Array(0..<n), width: jobs) { i in
                    try ArtworkLoader.profile(id: "\(i)", data: files[i % files.count], description: "artwork \(i)")
                }
            }
            let context = ClassContext(profiles: profiles)
            let scorer = BuiltinScorer()
            let snapshot = profiles
            let scoring = try await Self.timed {
                _ = try await Parallel.map(snapshot, width: jobs) { profile in
                    scorer.assessment(for: profile, context: context, description: "artwork \(profile.id)")
                }
            }
            report("\(format) 1 MP: decode + measure", measuring, n)
            report("\(format) 1 MP: originality, map, critique", scoring, n)
            report("\(format) 1 MP: whole artwork", (measuring.wall + scoring.wall, measuring.cpu + scoring.cpu), n)
        }
    }

    /// Prints one row: per-artwork wall and CPU milliseconds, and the rates they imply.
    func report(_ label: String, _ time: (wall: Double, cpu: Double), _ n: Int) {
        let wall = 1000 * time.wall / Double(n), cpu = 1000 * time.cpu / Double(n)
        print(
            label.padding(toLength: 42, withPad: " ", startingAt: 0)
                + String(
                    format: "wall %6.2f ms (%6.1f/s)   cpu %6.2f ms   2-core rate %6.1f/s", wall, 1000 / wall, cpu,
                    2000 / cpu))
    }

    /// Wall and process CPU seconds spent in `body`.
    static func timed(_ body: () async throws -> Void) async throws -> (wall: Double, cpu: Double) {
        let (start, cpuStart) = (Clock.now(), Clock.cpu())
        try await body()
        return (Clock.since(start), Clock.cpu() - cpuStart)
    }

    /// Source pictures scaled to about one megapixel.
    func loadSources() throws -> [RGBImage] {
        let folder = URL(
            fileURLWithPath: images
                ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                    "../../../shared/data/images"
                ).standardized.path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var out: [RGBImage] = []
        for name in names.sorted() where [".png", ".jpg", ".jpeg"].contains(where: { name.lowercased().hasSuffix($0) })
        {
            let image = try ImageDecoder.decode(contentsOf: folder.appendingPathComponent(name))
            out.append(Self.toOneMegapixel(image))
        }
        if out.isEmpty {
            print("no images in \(folder.path); using synthetic pictures")
            out = (0..<8).map { Self.synthetic(seed: $0) }
        }
        return out
    }

    static func toOneMegapixel(_ image: RGBImage) -> RGBImage {
        let scale = (1_000_000 / Double(image.width * image.height)).squareRoot()
        return ImageResizer.resize(
            image, width: max(1, Int(Double(image.width) * scale)), height: max(1, Int(Double(image.height) * scale)))
    }

    /// A 1155×866 picture of coloured bands and circles.
    static func synthetic(seed: Int) -> RGBImage {
        var image = RGBImage(width: 1155, height: 866)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let r = UInt8((x * (seed + 1) / 5) & 255), g = UInt8((y * 3 + seed * 40) & 255)
                let inCircle = (x - 577) * (x - 577) + (y - 433) * (y - 433) < (100 + seed * 30) * (100 + seed * 30)
                image[x, y] = inCircle ? (30, 30, UInt8(seed * 30)) : (r, g, 200)
            }
        }
        return image
    }
}
