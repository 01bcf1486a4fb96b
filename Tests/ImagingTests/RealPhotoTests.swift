import Foundation
import Testing

@testable import Imaging

@Suite struct RealPhotoTests {
    @Test(
        "the 12 MP phone photo behind a .png name is a JPEG with orientation 6, upright 3024×4032",
        .enabled(if: TestImages.present, "needs ../shared/data/images"))
    func phonePhotoInfo() throws {
        let url = try #require(TestImages.real("drawing-garlic.png"))
        let info = try ImageDecoder.info(of: try Data(contentsOf: url))
        #expect(info == ImageInfo(format: .jpeg, width: 3024, height: 4032, orientation: 6))
    }

    @Test(
        "the phone photo decodes upright at full size, and its preview matches a downscaled full decode",
        .enabled(if: TestImages.present, "needs ../shared/data/images"))
    func phonePhotoDecode() throws {
        let url = try #require(TestImages.real("drawing-garlic.png"))
        let data = try Data(contentsOf: url)
        let full = try ImageDecoder.decode(contentsOf: url)
        #expect(full.width == 3024 && full.height == 4032)
        let preview = try ImageDecoder.decodePreview(data, maxWidth: 400, maxHeight: 300)
        #expect(preview.width == 225 && preview.height == 300)
        // 4032×3024 stored, target 300×225 stored: libjpeg's 1/8 scale (504×378) is the smallest that covers it.
        #expect(JPEGCodec.scaleDenominator(width: 4032, height: 3024, targetWidth: 300, targetHeight: 225) == 8)
        let reference = ImageResizer.downscale(full, toFitWidth: 400, height: 300)
        #expect(reference.width == 225 && reference.height == 300)
        #expect(TestImages.meanDifference(preview, reference) < 4)
    }

    @Test(
        "the RGBA drawing decodes at 600×450 with its transparent parts white",
        .enabled(if: TestImages.present, "needs ../shared/data/images"))
    func rgbaDrawing() throws {
        let url = try #require(TestImages.real("drawing-char6.png"))
        let data = try Data(contentsOf: url)
        #expect(try ImageDecoder.info(of: data) == ImageInfo(format: .png, width: 600, height: 450, orientation: 1))
        let image = try ImageDecoder.decode(data)
        #expect(image.width == 600 && image.height == 450)
    }
}

@Suite struct MoreRealImageTests {
    @Test(
        "the second phone photo and the 2000×1500 scan decode, and every real image's info matches its decode",
        .enabled(if: TestImages.present, "needs ../shared/data/images"))
    func infoMatchesDecode() throws {
        for name in ["drawing-char4.png", "drawing-char5.png", "painting-the_scream.jpg", "painting-starry_night.jpg"] {
            let url = try #require(TestImages.real(name))
            let info = try ImageDecoder.info(contentsOf: url)
            let preview = try ImageDecoder.decodePreview(contentsOf: url, maxWidth: 256, maxHeight: 256)
            #expect(max(preview.width, preview.height) == 256, "\(name)")
            let ratio = Double(info.width) / Double(info.height)
            #expect(abs(Double(preview.width) / Double(preview.height) - ratio) < 0.02, "\(name)")
        }
        if let url = TestImages.real("drawing-char4.png") {
            #expect(
                try ImageDecoder.info(contentsOf: url)
                    == ImageInfo(format: .jpeg, width: 3024, height: 4032, orientation: 6))
        }
        if let url = TestImages.real("drawing-char5.png") {
            let image = try ImageDecoder.decode(contentsOf: url)
            #expect(image.width == 2000 && image.height == 1500)
        }
    }
}
