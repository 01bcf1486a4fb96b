import ArgumentParser
import Foundation
import TUI
import TerminalGraphics
import Workstation

/// `easel bench overview`: how long the review's class overview takes to draw a contact sheet of `count`
/// artworks, cold (every thumbnail read, decoded, scaled and encoded) and warm (the thumbnails cached).
public struct BenchOverview: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "Time drawing the review's class overview of 30 artworks, cold and with thumbnails cached (ms).")

    @Option(help: "Folder of pictures, cycled to --count artworks (default: the bundled Samples).")
    var images: String?

    @Option(help: "How many artworks on the sheet.")
    var count = 30

    @Option(help: "Terminal size in cells, COLUMNSxROWS (large enough to show every tile).")
    var terminal: String = "200x60"

    @Option(help: "Cell size in pixels, WIDTHxHEIGHT.")
    var cell: String = "10x20"

    @Option(help: "Runs per measurement; the median is reported.")
    var iterations: Int = 5

    @Option(help: "Where the picture bytes are written (a terminal, or /dev/null to leave the terminal out).")
    var output: String = "/dev/null"

    public func run() throws {
        let size = try BenchReview.parse(terminal, name: "--terminal")
        let cellSize = try BenchReview.parse(cell, name: "--cell")
        let folder = URL(
            fileURLWithPath: images
                ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Samples")
                .standardized.path)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            .filter { [".png", ".jpg", ".jpeg"].contains(where: $0.lowercased().hasSuffix) }
        guard !files.isEmpty else { throw BenchError("no pictures in \(folder.path); pass --images DIR") }
        guard let sink = FileHandle(forWritingAtPath: output) else { throw BenchError("cannot write to \(output)") }
        let tiles = (0..<count).map { i in
            ArtworkSummary(
                id: Int64(i), student: "Student \(i)", title: files[i % files.count], scores: nil, status: .unreviewed)
        }
        let model = OverviewModel(className: "bench", tiles: tiles)
        let frame = OverviewRenderer.render(model, rows: size.height, columns: size.width)
        let shown = frame.pictures.count
        print(
            "\(count) artworks from \(folder.lastPathComponent) (\(files.count) files), terminal \(size.width)×\(size.height), "
                + "\(shown) tiles on screen, thumbnail box \(OverviewRenderer.tileWidth - 2)×\(OverviewRenderer.thumbnailRows) cells; "
                + "load average \(Clock.loadAverage())")
        for mode in [GraphicsMode.sixel, .trueColorBlocks] {
            func request(_ picture: OverviewFrame.Picture) -> PreviewCache.Request {
                PreviewCache.Request(
                    artworkID: picture.id,
                    path: folder.appendingPathComponent(files[Int(picture.id) % files.count]).path,
                    mode: mode, cells: PixelSize(width: picture.box.width, height: picture.box.height),
                    cellSize: cellSize, maxSixelSize: nil, background: RGB(16, 20, 24))
            }
            var cached: [Int64: TerminalImage] = [:]
            let cold = Clock.medianOfRuns(iterations) {
                let frame = OverviewRenderer.render(model, rows: size.height, columns: size.width)
                for picture in frame.pictures {
                    guard case .ready(let image) = PreviewCache.render(request(picture)) else { continue }
                    sink.write(Data(image.placement(row: picture.box.row, column: picture.box.column)))
                    cached[picture.id] = image
                }
            }
            let bytes = cached.values.reduce(0) { $0 + $1.byteCount }
            let warm = Clock.medianOfRuns(iterations) {
                let frame = OverviewRenderer.render(model, rows: size.height, columns: size.width)
                for picture in frame.pictures {
                    if let image = cached[picture.id] {
                        sink.write(Data(image.placement(row: picture.box.row, column: picture.box.column)))
                    }
                }
            }
            print(
                String(
                    format: "%@: cold %.0f ms wall, %.0f ms CPU (%.1f ms CPU per thumbnail); warm %.1f ms wall, "
                        + "%.1f ms CPU; %d KB of picture bytes",
                    mode.rawValue, cold.wall * 1000, cold.cpu * 1000, cold.cpu * 1000 / Double(max(1, shown)),
                    warm.wall * 1000, warm.cpu * 1000, bytes / 1024))
        }
    }
}
