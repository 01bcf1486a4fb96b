import Foundation
import Testing

@testable import Imaging

@Suite struct JPEGDecodeTests {
    let image = TestImages.quadrants(width: 64, height: 48)

    @Test("a progressive JPEG decodes like a baseline one")
    func progressive() throws {
        let baseline = try ImageDecoder.decode(try JPEGEncoder.encode(image, quality: 95))
        let progressive = try ImageDecoder.decode(try JPEGEncoder.encode(image, quality: 95, progressive: true))
        #expect(TestImages.meanDifference(baseline, progressive) < 1.5)
    }

    @Test("a greyscale JPEG decodes to equal R, G and B")
    func grey() throws {
        let levels = (0..<(64 * 48)).map { UInt8(($0 % 64) * 4) }
        let data = try JPEGEncoder.encode(pixels: levels, width: 64, height: 48, color: .gray, quality: 95)
        let decoded = try ImageDecoder.decode(data)
        for i in stride(from: 0, to: levels.count, by: 97) {
            let pixel = decoded.pixels[(i * 3)..<(i * 3 + 3)]
            #expect(pixel.allSatisfy { $0 == pixel.first })
            #expect(abs(Int(pixel.first!) - Int(levels[i])) < 10)
        }
    }

    @Test("Adobe CMYK and YCCK JPEGs (inverted ink values) convert to RGB")
    func cmyk() throws {
        // Red = no cyan, full magenta and yellow, no black; Adobe files store 255 − ink.
        var pixels: [UInt8] = []
        for y in 0..<32 {
            for _ in 0..<32 { pixels += y < 16 ? [255, 0, 0, 255] : [255, 255, 255, 0] }
        }
        for color in [JPEGEncoder.Color.cmyk, .ycck] {
            let data = try JPEGEncoder.encode(pixels: pixels, width: 32, height: 32, color: color, quality: 95)
            let decoded = try ImageDecoder.decode(data)
            let top = decoded[16, 4]
            let bottom = decoded[16, 28]
            #expect(top.r > 240 && top.g < 15 && top.b < 15, "\(color) top should be red: \(top)")
            #expect(bottom.r < 15 && bottom.g < 15 && bottom.b < 15, "\(color) bottom should be black: \(bottom)")
        }
    }

    @Test("DCT scaling picks 1/8, 1/4, 1/2 or 1/1 and previews match a downscaled full decode")
    func dctScaling() throws {
        #expect(JPEGCodec.scaleDenominator(width: 800, height: 600, targetWidth: 100, targetHeight: 75) == 8)
        #expect(JPEGCodec.scaleDenominator(width: 800, height: 600, targetWidth: 101, targetHeight: 75) == 4)
        #expect(JPEGCodec.scaleDenominator(width: 800, height: 600, targetWidth: 300, targetHeight: 225) == 2)
        #expect(JPEGCodec.scaleDenominator(width: 800, height: 600, targetWidth: 401, targetHeight: 300) == 1)
        let large = TestImages.quadrants(width: 640, height: 480)
        let data = try JPEGEncoder.encode(large, quality: 90)
        for denominator in [1, 2, 4, 8] {
            let scaled = try JPEGCodec.decode(data, denominator: denominator)
            #expect(scaled.width == 640 / denominator && scaled.height == 480 / denominator)
        }
        let progressive = try JPEGEncoder.encode(large, quality: 90, progressive: true)
        for denominator in [2, 8] {
            let scaled = try JPEGCodec.decode(progressive, denominator: denominator)
            let baseline = try JPEGCodec.decode(data, denominator: denominator)
            #expect(TestImages.meanDifference(scaled, baseline) < 2, "progressive at 1/\(denominator)")
        }
        let full = try ImageDecoder.decode(data)
        for (w, h) in [(80, 80), (200, 150), (320, 200)] {
            let preview = try ImageDecoder.decodePreview(data, maxWidth: w, maxHeight: h)
            let reference = ImageResizer.downscale(full, toFitWidth: w, height: h)
            #expect(preview.width == reference.width && preview.height == reference.height)
            #expect(TestImages.meanDifference(preview, reference) < 3)
        }
    }
}

extension JPEGCodec {
    /// Test helper: decode `data` at one DCT scale.
    static func decode(_ data: Data, denominator: Int) throws -> RGBImage {
        try data.withUnsafeBytes { try decode($0, scaleDenominator: denominator, limit: 1 << 30) }
    }
}
