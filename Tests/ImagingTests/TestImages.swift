import Foundation

@testable import Imaging

/// Shared helpers: the real photos next to the repository, test patterns, EXIF payloads, image comparison.
enum TestImages {
    /// `<repo root>/../shared/data/images`, found from this file's path.
    static let sharedImages: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared/data/images")
    }()

    /// Whether the shared data folder is present (the real-image tests are skipped without it).
    static var present: Bool { FileManager.default.fileExists(atPath: sharedImages.path) }

    /// The real image `name`, or nil (the test then skips) when the shared data folder is absent.
    static func real(_ name: String) -> URL? {
        let url = sharedImages.appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// A small image where every pixel has its own colour: (x·40, y·60, 200 − x·10).
    static func unique(width: Int, height: Int) -> RGBImage {
        var image = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                image[x, y] = (UInt8(x * 40 % 256), UInt8(y * 60 % 256), UInt8((200 - x * 10) & 0xFF))
            }
        }
        return image
    }

    /// Four flat quadrants (red, green / blue, yellow) with a white left column: survives JPEG and shows every flip.
    static func quadrants(width: Int, height: Int) -> RGBImage {
        var image = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width { image[x, y] = quadrantColor(x: x, y: y, width: width, height: height) }
        }
        return image
    }

    static func quadrantColor(x: Int, y: Int, width: Int, height: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        switch (x < width / 2, y < height / 2) {
        case (true, true): return (230, 20, 20)
        case (false, true): return (20, 200, 20)
        case (true, false): return (20, 20, 230)
        case (false, false): return (240, 220, 10)
        }
    }

    /// A TIFF structure (EXIF payload) with one IFD0 entry: orientation `value`, in either byte order.
    static func exifTIFF(orientation value: Int, littleEndian: Bool = false) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] {
            littleEndian ? [UInt8(v & 0xFF), UInt8(v >> 8)] : [UInt8(v >> 8), UInt8(v & 0xFF)]
        }
        func u32(_ v: Int) -> [UInt8] { littleEndian ? u16(v & 0xFFFF) + u16(v >> 16) : u16(v >> 16) + u16(v & 0xFFFF) }
        let order: [UInt8] = littleEndian ? [0x49, 0x49] : [0x4D, 0x4D]
        return order + u16(42) + u32(8) + u16(1) + u16(0x0112) + u16(3) + u32(1) + u16(value) + u16(0) + u32(0)
    }

    /// Mean absolute difference per channel between two images of the same size.
    static func meanDifference(_ a: RGBImage, _ b: RGBImage) -> Double {
        precondition(a.width == b.width && a.height == b.height)
        var total = 0
        for i in 0..<a.pixels.count { total += abs(Int(a.pixels[i]) - Int(b.pixels[i])) }
        return Double(total) / Double(max(1, a.pixels.count))
    }

    /// Upright → stored transforms written out independently of the decoder, one per EXIF orientation.
    static func stored(_ upright: RGBImage, orientation: Int) -> RGBImage {
        let w = upright.width
        let h = upright.height
        func build(_ width: Int, _ height: Int, _ source: (Int, Int) -> (Int, Int)) -> RGBImage {
            var out = RGBImage(width: width, height: height)
            for y in 0..<height {
                for x in 0..<width {
                    let (sx, sy) = source(x, y)
                    out[x, y] = upright[sx, sy]
                }
            }
            return out
        }
        switch orientation {
        case 2: return build(w, h) { x, y in (w - 1 - x, y) }  // mirrored left-right
        case 3: return build(w, h) { x, y in (w - 1 - x, h - 1 - y) }  // turned 180°
        case 4: return build(w, h) { x, y in (x, h - 1 - y) }  // mirrored top-bottom
        case 5: return build(h, w) { x, y in (y, x) }  // transposed
        case 6: return build(h, w) { x, y in (w - 1 - y, x) }  // turned 90° counter-clockwise; shown turned back
        case 7: return build(h, w) { x, y in (w - 1 - y, h - 1 - x) }  // transversed
        case 8: return build(h, w) { x, y in (y, h - 1 - x) }  // turned 90° clockwise; shown turned back
        default: return upright
        }
    }
}
