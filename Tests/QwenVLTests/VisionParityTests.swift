import Foundation
import GGUF
import QwenVL
import Testing

/// The vision tower, preprocessing, image prompts and scoring head against HF transformers on tiny random
/// Qwen2-VL models (see VisionFixture).
@Suite struct VisionParityTests {
    /// Max |Δ| over max |reference|.
    static func relativeError(_ values: ArraySlice<Float>, _ reference: [Float]) -> Float {
        #expect(values.count == reference.count)
        let error = zip(values, reference).map { abs($0 - $1) }.max() ?? 0
        return error / max(reference.map(abs).max() ?? 1, 1e-12)
    }

    static func preprocessor(_ vision: VisionTower, _ image: VisionFixture.Image) -> ImagePreprocessor {
        vision.preprocessor(minPixels: image.minPixels, maxPixels: image.maxPixels)
    }

    @Test("Preprocessing gives HF's grid and pixel values (resized images too)", arguments: VisionFixture.families)
    func preprocessing(family: String) throws {
        let fixture = try VisionFixture.load(family)
        let vision = try VisionTower(path: VisionFixture.path(fixture.mmproj))
        for image in fixture.images {
            let patches = try Self.preprocessor(vision, image).patches(
                rgb: try image.rgb(), width: image.width, height: image.height)
            #expect([patches.gridHeight, patches.gridWidth] == image.grid, "\(image.image)")
            let maxError = zip(patches.values, image.pixelValues).map { abs($0 - $1) }.max() ?? 0
            print("\(family) \(image.image): pixel values max |Δ| \(maxError)")
            // One 8-bit level is 1/255/std ≈ 0.015 after normalisation; the resampler is Pillow's in fixed point.
            #expect(maxError < 1e-5, "\(image.image): pixel values max |Δ| \(maxError)")
        }
    }

    @Test(
        "Vision features match HF within 1e-4 relative, from HF's pixels and from our own",
        arguments: VisionFixture.families)
    func features(family: String) throws {
        let fixture = try VisionFixture.load(family)
        let vision = try VisionTower(path: VisionFixture.path(fixture.mmproj))
        for image in fixture.images {
            let given = ImagePatches(
                gridHeight: image.grid[0], gridWidth: image.grid[1], patchValues: vision.config.patchValues,
                values: image.pixelValues)
            let fromHF = Self.relativeError(try vision.encode(given)[...], image.features)
            let own = try Self.preprocessor(vision, image).patches(
                rgb: try image.rgb(), width: image.width, height: image.height)
            let fromOwn = Self.relativeError(try vision.encode(own)[...], image.features)
            print("\(family) \(image.image): features relative error \(fromHF) (HF pixels), \(fromOwn) (ours)")
            #expect(fromHF <= 1e-4, "\(image.image)")
            #expect(fromOwn <= 1e-4, "\(image.image)")
        }
    }

    @Test(
        "Greedy tokens with the image in context are HF's; the scoring head gives HF's values",
        arguments: VisionFixture.families)
    func greedyAndHead(family: String) throws {
        let fixture = try VisionFixture.load(family)
        let vision = try VisionTower(path: VisionFixture.path(fixture.mmproj))
        let model = try QwenVLModel(path: VisionFixture.path(fixture.text))
        let head = try ScoringHead(path: VisionFixture.path(try #require(fixture.head)))
        try head.check(against: model.language.config, textPath: fixture.text)
        #expect(head.tokenID == fixture.scoringToken)
        for image in fixture.images {
            let patches = try Self.preprocessor(vision, image).patches(
                rgb: try image.rgb(), width: image.width, height: image.height)
            // The prompt arrives with one placeholder and is expanded like `easel model run` does.
            let pad = try #require(model.imagePadID)
            var collapsed: [Int] = []
            for token in image.prompt where !(token == pad && collapsed.last == pad) { collapsed.append(token) }
            let result = try model.generate(
                prompt: collapsed, images: [patches], vision: vision,
                options: GenerationOptions(
                    maxTokens: image.greedyTokens.count, stopAtEndOfTurn: false, precision: .exact))
            #expect(result.promptTokens == image.prompt, "\(image.image): expanded prompt")
            #expect(result.tokens == image.greedyTokens, "\(image.image): greedy tokens")

            let session = try MultimodalSession(model: model, capacity: image.prompt.count + 1, precision: .exact)
            let hidden = try session.prefill(
                image.prompt + [head.tokenID],
                images: [EncodedImage(patches: patches, features: try vision.encode(patches))])
            let width = model.language.config.hidden
            let last = hidden[(hidden.count - width)...]
            let hiddenError = Self.relativeError(last, image.scoringHidden)
            let headError = Self.relativeError(head.values(last)[...], image.headValues)
            print("\(family) \(image.image): scoring hidden \(hiddenError), head values \(headError) relative")
            #expect(hiddenError <= 1e-4)
            #expect(headError <= 1e-4)
        }
    }

    @Test("Image positions: t = start, h/w = start + row/column, text continues at start + max(h, w)")
    func positions() {
        let patches = ImagePatches(gridHeight: 4, gridWidth: 6, patchValues: 1, values: [])
        let p = patches.ropePositions(start: 4)
        #expect(p.map(\.t) == [4, 4, 4, 4, 4, 4])
        #expect(p.map(\.h) == [4, 4, 4, 5, 5, 5])
        #expect(p.map(\.w) == [4, 5, 6, 4, 5, 6])
        #expect(patches.positionSpan == 3)
        #expect(
            patches.positions.prefix(6).map { [$0.row, $0.column] } == [
                [0, 0], [0, 1], [1, 0], [1, 1], [0, 2], [0, 3],
            ])
    }

    @Test("smart_resize rounds half to even and keeps within the pixel bounds, as HF does")
    func smartResize() throws {
        let p = ImagePreprocessor(minPixels: 56 * 56, maxPixels: 28 * 28 * 1280)
        // Values from transformers' smart_resize.
        #expect(try p.targetSize(height: 42, width: 70) == (56, 56))
        #expect(try p.targetSize(height: 98, width: 126) == (112, 112))
        #expect(try p.targetSize(height: 1000, width: 2000) == (700, 1400))
        #expect(try p.targetSize(height: 10, width: 20) == (56, 84))
        #expect(try ImagePreprocessor().targetSize(height: 3024, width: 4032) == (364, 504))
        #expect(throws: QwenVLError.self) { try p.targetSize(height: 1, width: 300) }
    }
}
