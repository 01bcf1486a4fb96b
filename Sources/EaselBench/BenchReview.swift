import ArgumentParser
import Foundation
import Imaging
import TUI
import TerminalGraphics
import Workstation

/// `easel bench review`: next-artwork latency in the review screen (read + decode + scale + encode + write),
/// cold (nothing cached) and warm (the picture prefetched), for a 12 MP photo and a 1 MP PNG.
public struct BenchReview: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Time showing the next artwork in easel review, cold and with the preview cache warm (ms).")

    @Option(help: "The large photo (default: ../shared/data/images/drawing-garlic.png).")
    var photo: String?

    @Option(help: "Terminal size in cells, COLUMNSxROWS.")
    var terminal: String = "120x40"

    @Option(help: "Cell size in pixels, WIDTHxHEIGHT (xterm with a 11 pt font: 11x22).")
    var cell: String = "10x20"

    @Option(help: "Runs per measurement; the median is reported.")
    var iterations: Int = 5

    @Option(help: "Where the picture bytes are written (a terminal, or /dev/null to leave the terminal out).")
    var output: String = "/dev/null"

    public func run() throws {
        let photoURL = try BenchPhoto.locate(photo)
        let size = try Self.parse(terminal, name: "--terminal")
        let cellSize = try Self.parse(cell, name: "--cell")
        let box = ReviewLayout(rows: size.height, columns: size.width).imageBox
        let cells = PixelSize(width: box.width, height: box.height)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let full = try ImageDecoder.decode(contentsOf: photoURL)
        let oneMP = ImageResizer.downscale(full, toFitWidth: 1155, height: 1155)
        let pngURL = folder.appendingPathComponent("one-mp.png")
        try PNGEncoder.encode(oneMP).write(to: pngURL)
        guard let sink = FileHandle(forWritingAtPath: output) else {
            throw BenchError("cannot write to \(output)")
        }
        print(
            "terminal \(size.width)×\(size.height) cells, picture box \(cells.width)×\(cells.height) cells, cell \(cellSize)"
        )
        print("photo \(photoURL.lastPathComponent) \(full.width)×\(full.height); png \(oneMP.width)×\(oneMP.height)")
        print(
            "median of \(iterations) runs, milliseconds; cold = read+decode+scale+encode+write, warm = write of the cached picture\n"
        )
        print("file        mode              canvas      bytes    decode+scale  encode   cold    warm")
        for (name, url) in [("photo 12MP", photoURL), ("png 1MP", pngURL)] {
            for mode in [GraphicsMode.sixel, .trueColorBlocks] {
                let request = PreviewCache.Request(
                    artworkID: 1, path: url.path, mode: mode, cells: cells, cellSize: cellSize, maxSixelSize: nil,
                    background: RGB(16, 20, 24))
                let canvas = TerminalImage.canvasSize(mode: mode, cells: cells, cellSize: cellSize)
                var image: TerminalImage?
                let decode = try measure {
                    _ = try ImageDecoder.decodePreview(
                        contentsOf: url, maxWidth: canvas.width, maxHeight: canvas.height)
                }
                let preview = try ImageDecoder.decodePreview(
                    contentsOf: url, maxWidth: canvas.width, maxHeight: canvas.height)
                let encode = try measure {
                    _ = try TerminalImage.render(
                        preview, mode: mode, cells: cells, cellSize: cellSize, background: RGB(16, 20, 24))
                }
                let cold = try measure {
                    guard case .ready(let picture) = PreviewCache.render(request) else {
                        throw BenchError("cannot render \(url.path)")
                    }
                    sink.write(Data(picture.placement(row: 2, column: 1)))
                    image = picture
                }
                let cache = PreviewCache()
                cache.request(request)
                while cache.entry(for: request) == nil { usleep(1000) }
                let warm = try measure {
                    guard case .ready(let picture) = cache.entry(for: request) else { return }
                    sink.write(Data(picture.placement(row: 2, column: 1)))
                }
                let row = [
                    name.padding(toLength: 11, withPad: " ", startingAt: 0),
                    mode.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0),
                    "\(canvas)".padding(toLength: 11, withPad: " ", startingAt: 0),
                    String(image?.byteCount ?? 0).padding(toLength: 8, withPad: " ", startingAt: 0),
                    Self.ms(decode).padding(toLength: 13, withPad: " ", startingAt: 0),
                    Self.ms(encode).padding(toLength: 8, withPad: " ", startingAt: 0),
                    Self.ms(cold).padding(toLength: 7, withPad: " ", startingAt: 0), Self.ms(warm),
                ]
                print(row.joined(separator: " "))
            }
        }
    }

    /// The median wall-clock milliseconds over `iterations` runs of `body`.
    func measure(_ body: () throws -> Void) throws -> Double {
        try Clock.medianOfRuns(iterations, body).wall * 1000
    }

    static func ms(_ value: Double) -> String { String(format: value >= 10 ? "%.0f" : "%.2f", value) }

    static func parse(_ text: String, name: String) throws -> PixelSize {
        let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0 else {
            throw ValidationError("\(name) must look like 120x40, not \(text)")
        }
        return PixelSize(width: parts[0], height: parts[1])
    }
}
