import Testing

@testable import Imaging

@Suite struct ResizerTests {
    @Test("downscale keeps the aspect ratio, fits the box and never upscales")
    func fit() {
        let image = RGBImage(width: 400, height: 300, fill: (10, 20, 30))
        let fitted = ImageResizer.downscale(image, toFitWidth: 100, height: 100)
        #expect(fitted.width == 100 && fitted.height == 75)
        #expect(fitted.pixels.allSatisfy { [10, 20, 30].contains($0) })
        #expect(ImageResizer.downscale(image, toFitWidth: 1000, height: 1000) == image)
        let tall = ImageResizer.downscale(RGBImage(width: 10, height: 1000), toFitWidth: 50, height: 50)
        #expect(tall.width == 1 && tall.height == 50)
    }

    @Test("area averaging averages exactly over whole and fractional blocks")
    func areaAverage() {
        // A 4×1 image 0, 100, 200, 60 halves to (50, 130); a 3→2 shrink weighs the middle pixel half-half.
        var image = RGBImage(width: 4, height: 1)
        for (x, v) in [0, 100, 200, 60].enumerated() { image[x, 0] = (UInt8(v), UInt8(v), UInt8(v)) }
        let half = ImageResizer.resize(image, width: 2, height: 1)
        #expect(half[0, 0].r == 50 && half[1, 0].r == 130)
        var three = RGBImage(width: 3, height: 1)
        for (x, v) in [0, 90, 240].enumerated() { three[x, 0] = (UInt8(v), UInt8(v), UInt8(v)) }
        let two = ImageResizer.resize(three, width: 2, height: 1)
        // (0 + 0.5·90) / 1.5 = 30 and (0.5·90 + 240) / 1.5 = 190.
        #expect(two[0, 0].r == 30 && two[1, 0].r == 190)
        // A black-and-white checkerboard averages to mid grey.
        var checker = RGBImage(width: 64, height: 64, fill: (0, 0, 0))
        for y in 0..<64 { for x in 0..<64 where (x + y) % 2 == 0 { checker[x, y] = (255, 255, 255) } }
        let grey = ImageResizer.resize(checker, width: 8, height: 8)
        #expect(grey.pixels.allSatisfy { (127...128).contains($0) })
    }

    @Test("resize enlarges bilinearly between the original samples")
    func enlarge() {
        var image = RGBImage(width: 2, height: 1)
        image[0, 0] = (0, 0, 0)
        image[1, 0] = (200, 200, 200)
        let wide = ImageResizer.resize(image, width: 4, height: 2)
        #expect(wide.width == 4 && wide.height == 2)
        let row = (0..<4).map { Int(wide[$0, 1].r) }
        #expect(row == [0, 50, 150, 200])
    }
}
