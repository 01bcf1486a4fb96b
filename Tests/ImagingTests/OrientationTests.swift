import Foundation
import Testing

@testable import Imaging

@Suite struct OrientationTests {
    @Test("all 8 EXIF orientations in a PNG eXIf chunk come out upright, pixel for pixel", arguments: 1...8)
    func pngOrientations(orientation: Int) throws {
        let upright = TestImages.unique(width: 5, height: 3)
        let stored = TestImages.stored(upright, orientation: orientation)
        let data = PNGWriter.png(
            width: stored.width, height: stored.height, colorType: .rgb, bitDepth: 8,
            samples: stored.pixels.map(Int.init),
            extraChunks: [("eXIf", TestImages.exifTIFF(orientation: orientation, littleEndian: orientation % 2 == 0))])
        let info = try ImageDecoder.info(of: data)
        #expect(info == ImageInfo(format: .png, width: 5, height: 3, orientation: orientation))
        #expect(try ImageDecoder.decode(data) == upright)
    }

    @Test("all 8 EXIF orientations in a JPEG APP1 segment come out upright", arguments: 1...8)
    func jpegOrientations(orientation: Int) throws {
        let upright = TestImages.quadrants(width: 48, height: 32)
        let stored = TestImages.stored(upright, orientation: orientation)
        let data = try JPEGEncoder.encode(
            pixels: stored.pixels, width: stored.width, height: stored.height, color: .rgb, quality: 95,
            exifTIFF: TestImages.exifTIFF(orientation: orientation, littleEndian: orientation > 4))
        let info = try ImageDecoder.info(of: data)
        #expect(info == ImageInfo(format: .jpeg, width: 48, height: 32, orientation: orientation))
        let image = try ImageDecoder.decode(data)
        #expect(image.width == 48 && image.height == 32)
        // Sample the middle of each quadrant (away from JPEG's edge ringing).
        for (x, y) in [(12, 8), (36, 8), (12, 24), (36, 24)] {
            let expected = TestImages.quadrantColor(x: x, y: y, width: 48, height: 32)
            let actual = image[x, y]
            #expect(abs(Int(actual.r) - Int(expected.r)) < 12, "orientation \(orientation) at \(x),\(y)")
            #expect(abs(Int(actual.g) - Int(expected.g)) < 12, "orientation \(orientation) at \(x),\(y)")
            #expect(abs(Int(actual.b) - Int(expected.b)) < 12, "orientation \(orientation) at \(x),\(y)")
        }
        let preview = try ImageDecoder.decodePreview(data, maxWidth: 24, maxHeight: 24)
        #expect(preview.width == 24 && preview.height == 16)
        let corner = preview[3, 3]
        #expect(corner.r > 180 && corner.g < 60 && corner.b < 60, "orientation \(orientation): top-left is red")
    }

    @Test("a missing, damaged or out-of-range orientation counts as 1")
    func badOrientationIsUpright() throws {
        let image = TestImages.unique(width: 4, height: 2)
        for payload in [
            TestImages.exifTIFF(orientation: 9), TestImages.exifTIFF(orientation: 0), [0x4D, 0x4D, 0, 42], [],
        ] {
            let data = PNGWriter.png(
                width: 4, height: 2, colorType: .rgb, bitDepth: 8, samples: image.pixels.map(Int.init),
                extraChunks: [("eXIf", payload)])
            #expect(try ImageDecoder.info(of: data).orientation == 1)
            #expect(try ImageDecoder.decode(data) == image)
        }
    }

    @Test("an eXIf chunk after the image data is honoured too")
    func exifAfterImageData() throws {
        let upright = TestImages.unique(width: 3, height: 2)
        let stored = TestImages.stored(upright, orientation: 6)
        let data = PNGWriter.png(
            width: stored.width, height: stored.height, colorType: .rgb, bitDepth: 8,
            samples: stored.pixels.map(Int.init), trailingChunks: [("eXIf", TestImages.exifTIFF(orientation: 6))])
        #expect(try ImageDecoder.decode(data) == upright)
    }
}
