import Foundation
import Testing

@testable import Imaging

@Suite struct PNGDecodeTests {
    let width = 9
    let height = 7

    /// RGB samples of `TestImages.unique` at 8 bits.
    var rgbSamples: [Int] { TestImages.unique(width: width, height: height).pixels.map(Int.init) }

    @Test("an 8-bit RGB PNG decodes exactly")
    func rgb8() throws {
        let data = PNGWriter.png(width: width, height: height, colorType: .rgb, bitDepth: 8, samples: rgbSamples)
        #expect(ImageDecoder.format(of: data) == .png)
        let image = try ImageDecoder.decode(data)
        #expect(image == TestImages.unique(width: width, height: height))
        let info = try ImageDecoder.info(of: data)
        #expect(info == ImageInfo(format: .png, width: width, height: height, orientation: 1))
    }

    @Test("an interlaced (Adam7) RGB PNG decodes exactly")
    func interlaced() throws {
        let data = PNGWriter.png(
            width: width, height: height, colorType: .rgb, bitDepth: 8, samples: rgbSamples, interlaced: true)
        #expect(try ImageDecoder.decode(data) == TestImages.unique(width: width, height: height))
    }

    @Test("a 16-bit RGB PNG decodes to the high bytes")
    func rgb16() throws {
        let samples = rgbSamples.map { $0 * 257 }
        let data = PNGWriter.png(width: width, height: height, colorType: .rgb, bitDepth: 16, samples: samples)
        let image = try ImageDecoder.decode(data)
        #expect(TestImages.meanDifference(image, TestImages.unique(width: width, height: height)) < 0.5)
    }

    @Test("8-bit, 16-bit and 1-bit grey PNGs decode to equal R, G and B")
    func grey() throws {
        let levels = (0..<(width * height)).map { $0 * 4 % 256 }
        let grey8 = try ImageDecoder.decode(
            PNGWriter.png(width: width, height: height, colorType: .gray, bitDepth: 8, samples: levels))
        let grey16 = try ImageDecoder.decode(
            PNGWriter.png(
                width: width, height: height, colorType: .gray, bitDepth: 16, samples: levels.map { $0 * 257 }))
        for (i, level) in levels.enumerated() {
            #expect(grey8.pixels[i * 3] == UInt8(level) && grey8.pixels[i * 3 + 2] == UInt8(level))
            #expect(abs(Int(grey16.pixels[i * 3 + 1]) - level) <= 1)
        }
        let bits = (0..<(width * height)).map { $0 % 2 }
        let grey1 = try ImageDecoder.decode(
            PNGWriter.png(width: width, height: height, colorType: .gray, bitDepth: 1, samples: bits))
        for (i, bit) in bits.enumerated() { #expect(grey1.pixels[i * 3] == (bit == 1 ? 255 : 0)) }
    }

    @Test("4-bit palette and 2-bit interlaced palette PNGs decode to their palette colours")
    func palette() throws {
        let palette: [(UInt8, UInt8, UInt8)] = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (17, 34, 51)]
        let indexes = (0..<(width * height)).map { ($0 * 7) % 4 }
        for (depth, interlaced) in [(4, false), (2, true), (8, false)] {
            let data = PNGWriter.png(
                width: width, height: height, colorType: .palette, bitDepth: depth, samples: indexes,
                interlaced: interlaced, palette: palette)
            let image = try ImageDecoder.decode(data)
            for (i, index) in indexes.enumerated() {
                let colour = palette[index]
                #expect(image.pixels[(i * 3)..<(i * 3 + 3)].elementsEqual([colour.0, colour.1, colour.2]))
            }
        }
    }

    @Test("RGBA, grey+alpha and palette tRNS are composited over white")
    func alphaOverWhite() throws {
        // Pixel 0 fully transparent, pixel 1 opaque, pixel 2 half transparent.
        let rgba = PNGWriter.png(
            width: 3, height: 1, colorType: .rgba, bitDepth: 8, samples: [10, 20, 30, 0, 10, 20, 30, 255, 0, 0, 0, 128])
        let image = try ImageDecoder.decode(rgba)
        #expect(image[0, 0] == (255, 255, 255))
        #expect(image[1, 0] == (10, 20, 30))
        #expect((100...200).contains(Int(image[2, 0].r)))
        let rgba16 = PNGWriter.png(
            width: 2, height: 1, colorType: .rgba, bitDepth: 16, samples: [0, 0, 0, 0, 0, 65535, 0, 65535])
        let image16 = try ImageDecoder.decode(rgba16)
        #expect(image16[0, 0] == (255, 255, 255) && image16[1, 0] == (0, 255, 0))
        let greyAlpha = PNGWriter.png(width: 2, height: 1, colorType: .grayAlpha, bitDepth: 8, samples: [0, 0, 0, 255])
        let imageLA = try ImageDecoder.decode(greyAlpha)
        #expect(imageLA[0, 0] == (255, 255, 255) && imageLA[1, 0] == (0, 0, 0))
        let trns = PNGWriter.png(
            width: 2, height: 1, colorType: .palette, bitDepth: 8, samples: [0, 1], palette: [(0, 0, 0), (0, 0, 200)],
            transparency: [0, 255])
        let imageP = try ImageDecoder.decode(trns)
        #expect(imageP[0, 0] == (255, 255, 255) && imageP[1, 0] == (0, 0, 200))
        // Interlaced 16-bit grey+alpha and a palette entry with partial alpha.
        let greyAlpha16 = PNGWriter.png(
            width: 3, height: 3, colorType: .grayAlpha, bitDepth: 16,
            samples: (0..<9).flatMap { $0 % 2 == 0 ? [0, 65535] : [0, 0] }, interlaced: true)
        let imageLA16 = try ImageDecoder.decode(greyAlpha16)
        for i in 0..<9 { #expect(imageLA16.pixels[i * 3] == (i % 2 == 0 ? 0 : 255)) }
        let partial = PNGWriter.png(
            width: 1, height: 1, colorType: .palette, bitDepth: 8, samples: [0], palette: [(0, 0, 0)],
            transparency: [100])
        let greyish = try ImageDecoder.decode(partial)[0, 0]
        #expect(greyish.r == greyish.g && (60...220).contains(Int(greyish.r)))
    }
}
