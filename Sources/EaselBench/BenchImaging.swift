import ArgumentParser
import Foundation
import Imaging

/// `easel bench imaging`: header read, full decode, preview decode and PNG encode on a real 12 MP phone photo
/// and on a 1 MP PNG made from it.
public struct BenchImaging: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "imaging",
        abstract: "Time image info, full decode, preview decode and PNG encode (ms per operation).")

    @Option(help: "The JPEG photo to measure (default: ../shared/data/images/drawing-garlic.png).")
    var photo: String?

    @Option(help: "Runs per operation; the median is reported.")
    var iterations: Int = 5

    @Option(help: "The preview box, WIDTHxHEIGHT.")
    var preview: String = "480x360"

    public func run() throws {
        let photoURL = try BenchPhoto.locate(photo)
        let box = try parseBox(preview)
        let photoData = try Data(contentsOf: photoURL)
        let info = try ImageDecoder.info(of: photoData)
        print(
            "photo: \(photoURL.path): \(info.format.rawValue) \(info.width)×\(info.height), orientation \(info.orientation)"
        )

        // A 1 MP PNG of the same content, as a teacher's scan or screenshot would be.
        let upright = try ImageDecoder.decode(photoData)
        let oneMP = ImageResizer.downscale(upright, toFitWidth: 1155, height: 1155)
        let pngData = try PNGEncoder.encode(oneMP)
        print("png:   \(oneMP.width)×\(oneMP.height) made from the photo, \(pngData.count / 1024) KiB")

        print(
            "\(iterations) runs each (info: \(iterations * 200)); wall = median wall time, cpu = median thread CPU time"
        )
        print("(cpu is what the work costs; wall also counts waiting for a busy machine); ratio = cpu / full decode\n")
        for (name, data, encodeSource) in [("photo", photoData, upright), ("png", pngData, oneMP)] {
            let full = try measure { _ = try ImageDecoder.decode(data) }
            var info = try measure { for _ in 0..<200 { _ = try ImageDecoder.info(of: data) } }
            info = Timing(wall: info.wall / 200, cpu: info.cpu / 200)
            let rows: [(String, Timing)] = [
                ("info", info),
                ("full decode", full),
                (
                    "preview \(box.width)x\(box.height)",
                    try measure { _ = try ImageDecoder.decodePreview(data, maxWidth: box.width, maxHeight: box.height) }
                ),
                (
                    "png encode \(encodeSource.width)x\(encodeSource.height)",
                    try measure { _ = try PNGEncoder.encode(encodeSource) }
                ),
            ]
            for (operation, timing) in rows {
                let label = "\(name) \(operation)".padding(toLength: 32, withPad: " ", startingAt: 0)
                print(
                    "\(label) wall \(duration(timing.wall))  cpu \(duration(timing.cpu))  ratio \(ratio(timing.cpu / full.cpu))"
                )
            }
            print("")
        }
    }

    /// Median wall-clock and thread CPU milliseconds of one operation.
    struct Timing {
        var wall: Double
        var cpu: Double
    }

    /// The medians over `iterations` runs of `body`.
    func measure(_ body: () throws -> Void) throws -> Timing {
        let seconds = try Clock.medianOfRuns(iterations, body)
        return Timing(wall: seconds.wall * 1000, cpu: seconds.cpu * 1000)
    }

    /// Milliseconds as "95.7 ms", or "1.2 µs" below a tenth of a millisecond; padded to line up.
    func duration(_ milliseconds: Double) -> String {
        let text =
            milliseconds < 0.1
            ? String(format: "%.1f µs", milliseconds * 1000)
            : String(format: milliseconds >= 100 ? "%.0f ms" : "%.1f ms", milliseconds)
        return String(repeating: " ", count: max(0, 9 - text.count)) + text
    }

    func ratio(_ value: Double) -> String {
        String(format: value < 0.01 ? "%.5f" : "%.2f", value)
    }

    func parseBox(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0 else {
            throw ValidationError("--preview must look like 480x360, not \(text)")
        }
        return (parts[0], parts[1])
    }
}
