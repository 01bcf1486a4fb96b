import Foundation
import Testing

@testable import Imaging

@Suite struct DamagedInputTests {
    func smallJPEG() throws -> Data {
        try JPEGEncoder.encode(TestImages.quadrants(width: 64, height: 64), quality: 90)
    }

    @Test("a zero-byte file is refused as empty, naming the file")
    func empty() throws {
        #expect(throws: ImagingError.empty) { try ImageDecoder.decode(Data()) }
        #expect(throws: ImagingError.empty) { try ImageDecoder.info(of: Data()) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("easel-empty-\(UUID()).jpg")
        try Data().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try ImageDecoder.decode(contentsOf: url)
            Issue.record("an empty file decoded")
        } catch let error as ImagingError {
            #expect(error == .file(url.path, .empty))
            #expect(error.description.hasPrefix(url.path + ": the file is empty"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("text, GIF and other non-image bytes are refused as not an image, whatever the name")
    func notAnImage() throws {
        for bytes in [Array("hello, this is a text file\n".utf8), Array("GIF89a".utf8) + [1, 0, 1, 0], [0x00]] {
            #expect(throws: ImagingError.notAnImage) { try ImageDecoder.decode(Data(bytes)) }
            #expect(ImageDecoder.format(of: Data(bytes)) == nil)
        }
        #expect(throws: ImagingError.truncated) { try ImageDecoder.decode(Data([0xFF, 0xD8])) }
    }

    @Test("a missing file is reported by name")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/easel/photo.jpg")
        #expect(throws: ImagingError.file(url.path, .unreadable("no such file"))) {
            try ImageDecoder.decode(contentsOf: url)
        }
    }

    @Test("truncated JPEGs are refused as truncated, at any cut")
    func truncatedJPEG() throws {
        let data = try smallJPEG()
        for cut in [3, 20, data.count / 3, data.count / 2, data.count - 40] {
            #expect(throws: ImagingError.truncated, "cut at \(cut)") { try ImageDecoder.decode(data.prefix(cut)) }
        }
    }

    @Test("truncated PNGs are refused as truncated")
    func truncatedPNG() throws {
        let data = try PNGEncoder.encode(TestImages.unique(width: 40, height: 30))
        for cut in [10, 30, data.count / 2, data.count - 12] {
            #expect(throws: ImagingError.truncated, "cut at \(cut)") { try ImageDecoder.decode(data.prefix(cut)) }
        }
    }

    @Test("corrupt JPEG headers and scan data are refused as corrupt with libjpeg's reason")
    func corruptJPEG() throws {
        var badMarker = try smallJPEG()
        badMarker.replaceSubrange(2..<6, with: [0xFF, 0xDB, 0x00, 0x03])
        var badPrecision = try smallJPEG()
        let sof = try #require(badPrecision.firstRange(of: Data([0xFF, 0xC0])))
        badPrecision[sof.lowerBound + 4] = 7
        var badScan = try smallJPEG()
        let sos = try #require(badScan.firstRange(of: Data([0xFF, 0xDA])))
        let start = sos.upperBound + 20
        for i in start..<min(start + 60, badScan.count - 2) { badScan[i] = UInt8((i * 37) & 0xFF) | 0x80 }
        for data in [badMarker, badPrecision, badScan] {
            do {
                _ = try ImageDecoder.decode(data)
                Issue.record("corrupt data decoded")
            } catch ImagingError.corrupt(let reason) {
                #expect(!reason.isEmpty && !reason.contains("\n"))
            }
        }
    }

    @Test("a corrupt PNG (bad CRC on IHDR) is refused as corrupt")
    func corruptPNG() throws {
        var data = try PNGEncoder.encode(TestImages.unique(width: 8, height: 8))
        data[29] ^= 0xFF  // the IHDR CRC
        #expect {
            try ImageDecoder.decode(data)
        } throws: { error in
            guard case .corrupt(let reason) = error as? ImagingError else { return false }
            return !reason.isEmpty
        }
    }

    @Test("headers claiming 20000×20000 are refused as too large before decoding")
    func overLimit() throws {
        var jpeg = try smallJPEG()
        let sof = try #require(jpeg.firstRange(of: Data([0xFF, 0xC0])))
        jpeg.replaceSubrange((sof.lowerBound + 5)..<(sof.lowerBound + 9), with: [0x4E, 0x20, 0x4E, 0x20])
        let tooLarge = ImagingError.tooLarge(width: 20000, height: 20000, limit: 100_000_000)
        #expect(throws: tooLarge) { try ImageDecoder.decode(jpeg) }
        #expect(throws: tooLarge) { try ImageDecoder.info(of: jpeg) }
        #expect(throws: tooLarge) { try ImageDecoder.decodePreview(jpeg, maxWidth: 100, maxHeight: 100) }
        var ihdr = PNGWriter.be32(20000) + PNGWriter.be32(20000)
        ihdr += [8, 2, 0, 0, 0]
        let png = Data(
            PNGWriter.signature + PNGWriter.chunk("IHDR", ihdr) + PNGWriter.chunk("IDAT", PNGWriter.zlibStored([0]))
                + PNGWriter.chunk("IEND", []))
        #expect(throws: tooLarge) { try ImageDecoder.decode(png) }
        #expect(throws: tooLarge) { try ImageDecoder.info(of: png) }
        #expect(
            tooLarge.description
                == "the image is too large: 20000×20000 = 400.0 MP is over the limit of 100.0 MP; shrink it first")
    }

    @Test("the pixel limit is configurable")
    func configurableLimit() throws {
        let jpeg = try smallJPEG()
        let options = DecodeOptions(maxPixels: 4000)
        #expect(throws: ImagingError.tooLarge(width: 64, height: 64, limit: 4000)) {
            try ImageDecoder.decode(jpeg, options: options)
        }
        let png = try PNGEncoder.encode(TestImages.unique(width: 64, height: 64))
        #expect(throws: ImagingError.tooLarge(width: 64, height: 64, limit: 4000)) {
            try ImageDecoder.decode(png, options: options)
        }
        #expect(try ImageDecoder.decode(png, options: DecodeOptions(maxPixels: 4096)).width == 64)
    }
}

@Suite struct QuietDecoderTests {
    @Test("valid JPEGs of kinds libjpeg does not decode (12-bit, lossless) are refused as unsupported")
    func unsupportedJPEG() throws {
        let jpeg = try JPEGEncoder.encode(TestImages.quadrants(width: 32, height: 32))
        let sof = try #require(jpeg.firstRange(of: Data([0xFF, 0xC0])))
        var twelveBit = jpeg
        twelveBit[sof.lowerBound + 4] = 12
        var lossless = jpeg
        lossless[sof.lowerBound + 1] = 0xC3
        for data in [twelveBit, lossless] {
            #expect {
                try ImageDecoder.decode(data)
            } throws: { error in
                guard case .unsupported(let what) = error as? ImagingError else { return false }
                return what.contains("Unsupported JPEG")
            }
        }
    }

    @Test("libjpeg and libpng print nothing to stderr for damaged files, and harmless warnings do not fail")
    func nothingOnStderr() throws {
        let jpeg = try JPEGEncoder.encode(TestImages.quadrants(width: 64, height: 64))
        var extraneous = jpeg  // a stray marker before APP0: libjpeg warns "extraneous bytes" and decodes
        extraneous.replaceSubrange(2..<6, with: [0xFF, 0x01, 0x00, 0x00])
        var badScan = jpeg
        let sos = try #require(badScan.firstRange(of: Data([0xFF, 0xDA])))
        for i in (sos.upperBound + 20)..<(sos.upperBound + 80) { badScan[i] = UInt8((i * 37) & 0xFF) | 0x80 }
        let png = try PNGEncoder.encode(TestImages.unique(width: 20, height: 20))
        var badCRC = png
        badCRC[29] ^= 0xFF
        let damaged = [jpeg.prefix(jpeg.count / 2), badScan, png.prefix(png.count - 20), badCRC]

        let captured = FileManager.default.temporaryDirectory.appendingPathComponent("easel-stderr-\(UUID())")
        fflush(nil)
        let saved = dup(2)
        let file = open(captured.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        dup2(file, 2)
        let results = damaged.map { data in Result { try ImageDecoder.decode(data) } }
        let tolerated = Result { try ImageDecoder.decode(extraneous) }
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        close(file)
        defer { try? FileManager.default.removeItem(at: captured) }

        // Tests of other modules may run (and write) at the same moment, so look for the libraries' words.
        let written = String(decoding: try Data(contentsOf: captured), as: UTF8.self)
        for word in ["JPEG", "jpeg", "libpng", "PNG", "Corrupt", "Premature", "CRC", "warning", "error"] {
            #expect(!written.contains(word), "stderr got: \(written)")
        }
        #expect(results.allSatisfy { if case .failure = $0 { true } else { false } })
        #expect(try tolerated.get().width == 64)
    }
}

@Suite struct HeaderOnlyTests {
    @Test("info reads the header only: a JPEG cut inside its image data has an info, but decoding it says truncated")
    func infoIsHeaderOnly() throws {
        let jpeg = try JPEGEncoder.encode(TestImages.quadrants(width: 64, height: 40), quality: 90)
        let sos = try #require(jpeg.firstRange(of: Data([0xFF, 0xDA])))
        let cut = jpeg.prefix(sos.upperBound + 30)
        #expect(try ImageDecoder.info(of: cut) == ImageInfo(format: .jpeg, width: 64, height: 40, orientation: 1))
        #expect(throws: ImagingError.truncated) { try ImageDecoder.decodePreview(cut, maxWidth: 8, maxHeight: 8) }
    }

    @Test("the EXIF orientation is found after other APP segments and in a LONG-typed entry")
    func exifVariants() throws {
        let upright = TestImages.quadrants(width: 32, height: 16)
        let stored = TestImages.stored(upright, orientation: 8)
        var tiff = TestImages.exifTIFF(orientation: 8)
        tiff[12...13] = [0, 4]  // entry type LONG instead of SHORT …
        tiff[18...21] = [0, 0, 0, 8]  // … with a 32-bit value
        let data = try JPEGEncoder.encode(
            pixels: stored.pixels, width: stored.width, height: stored.height, color: .rgb, exifTIFF: tiff)
        // Put an XMP-like APP1 before the EXIF one.
        var withXMP = data
        let xmp = Array("http://ns.adobe.com/xap/1.0/\0<x/>".utf8)
        withXMP.insert(contentsOf: [0xFF, 0xE1, 0, UInt8(xmp.count + 2)] + xmp, at: 2)
        for file in [data, withXMP] {
            let info = try ImageDecoder.info(of: file)
            #expect(info == ImageInfo(format: .jpeg, width: 32, height: 16, orientation: 8))
        }
    }
}
