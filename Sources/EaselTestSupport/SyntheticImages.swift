import Foundation
import Imaging

/// Distinct made-up pictures for benchmarks and tests: a two-colour gradient with a few discs and bars,
/// different for every index, so that each has its own content hash.
public enum SyntheticImages {
    /// The picture for `index`, `width` × `height`.
    public static func image(index: Int, width: Int, height: Int) -> RGBImage {
        var state = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let top = (next() % 256, next() % 256, next() % 256)
        let bottom = (next() % 256, next() % 256, next() % 256)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            let t = height > 1 ? Double(y) / Double(height - 1) : 0
            let r = UInt8(Double(top.0) + Double(bottom.0 - top.0) * t)
            let g = UInt8(Double(top.1) + Double(bottom.1 - top.1) * t)
            let b = UInt8(Double(top.2) + Double(bottom.2 - top.2) * t)
            for x in 0..<width {
                let i = (y * width + x) * 3
                pixels[i] = r
                pixels[i + 1] = g
                pixels[i + 2] = b &+ UInt8(truncatingIfNeeded: (x ^ y) & 7)
            }
        }
        for _ in 0..<(3 + next() % 5) {
            let cx = next() % max(1, width)
            let cy = next() % max(1, height)
            let radius = 4 + next() % max(1, min(width, height) / 4)
            let color = (UInt8(next() % 256), UInt8(next() % 256), UInt8(next() % 256))
            let bar = next() % 2 == 0
            for y in max(0, cy - radius)..<min(height, cy + radius) {
                for x in max(0, cx - radius)..<min(width, cx + radius) {
                    let dx = x - cx
                    let dy = y - cy
                    if bar ? abs(dy) < radius / 3 : dx * dx + dy * dy < radius * radius {
                        let i = (y * width + x) * 3
                        pixels[i] = color.0
                        pixels[i + 1] = color.1
                        pixels[i + 2] = color.2
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Writes `count` pictures into `folder` as `art0001.png`, `art0002.jpg`, …: PNG, JPEG or alternating.
    /// - Returns: the file names written.
    @discardableResult
    public static func writeFolder(
        _ folder: String, count: Int, width: Int, height: Int, format: Format = .mixed
    ) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var names: [String] = []
        for index in 0..<count {
            let image = image(index: index, width: width, height: height)
            let usePNG = format == .png || (format == .mixed && index % 2 == 0)
            let name = String(format: "art%04d.%@", index + 1, usePNG ? "png" : "jpg")
            let data = usePNG ? try PNGEncoder.encode(image) : try JPEGEncoder.encode(image, quality: 90)
            try data.write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))
            names.append(name)
        }
        return names
    }

    /// The file formats to write.
    public enum Format: String, Sendable, CaseIterable {
        case png, jpeg, mixed
    }
}
