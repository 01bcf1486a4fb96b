import Foundation
import Testing

@testable import Imaging

@Suite struct EncoderTests {
    @Test("PNG encode then decode gives the same pixels back")
    func pngRoundTrip() throws {
        let image = TestImages.unique(width: 13, height: 5)
        let data = try PNGEncoder.encode(image)
        #expect(ImageDecoder.format(of: data) == .png)
        #expect(try ImageDecoder.decode(data) == image)
        #expect(try PNGEncoder.encode(image, compressionLevel: 0).count > data.count)
        #expect(try ImageDecoder.decode(try PNGEncoder.encode(image, compressionLevel: 9)) == image)
    }

    @Test("encoded PNGs hold only IHDR, IDAT and IEND")
    func pngHasNoMetadata() throws {
        let data = try PNGEncoder.encode(TestImages.quadrants(width: 300, height: 200))
        var types: [String] = []
        var at = 8
        while at + 8 <= data.count {
            let length = data[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
            types.append(String(decoding: data[(at + 4)..<(at + 8)], as: UTF8.self))
            at += 12 + length
        }
        #expect(at == data.count)
        #expect(Set(types) == ["IHDR", "IDAT", "IEND"])
        #expect(types.first == "IHDR" && types.last == "IEND")
    }

    @Test("JPEG encode then decode stays close to the original")
    func jpegRoundTrip() throws {
        let image = TestImages.quadrants(width: 64, height: 48)
        for progressive in [false, true] {
            let data = try JPEGEncoder.encode(image, quality: 95, progressive: progressive)
            #expect(ImageDecoder.format(of: data) == .jpeg)
            let decoded = try ImageDecoder.decode(data)
            #expect(decoded.width == 64 && decoded.height == 48)
            #expect(TestImages.meanDifference(decoded, image) < 3)
        }
    }
}
