import Foundation
import Imaging
import Rubric
import Testing

@testable import Grading

@Suite struct MeasurementTests {
    func measure(_ image: RGBImage, _ description: String = "") -> Measurements {
        ArtworkProfile(id: "x", image: image, description: description).measurements
    }

    @Test("a flat grey page has no colourfulness, no edges and nothing on it")
    func flatGrey() {
        let m = measure(Synth.flat())
        #expect(m[.colorfulness] < 0.5)
        #expect(m[.edgeDensity] == 0)
        #expect(m[.paletteSize] == 1)
        #expect(m[.hueEntropy] == 0)
        #expect(m[.coverage] == 0)
        #expect(m[.detail] == 0)
        #expect(m[.contrast] == 0)
    }

    @Test("a saturated rainbow is highly colourful with every hue")
    func rainbow() {
        let m = measure(Synth.rainbow())
        #expect(m[.colorfulness] > 60)
        #expect(m[.hueEntropy] > 3.4)
        #expect(m[.paletteSize] >= 6)
        let grey = measure(Synth.flat())
        #expect(LinearMap.default.scores(m).color > LinearMap.default.scores(grey).color + 8)
    }

    @Test("marks on the left half only read as imbalance, and the note says so")
    func leftHalf() {
        let m = measure(Synth.marks(inX: 0..<0.5, strokes: 80))
        #expect(m[.balanceLeftRight] < -0.95)
        #expect(m[.balance] < 0.05)
        #expect(EvidenceWriter.note(.balance, m) == "100% of the weight in the left half")
        let even = measure(Synth.marks(strokes: 160))
        #expect(even[.balance] > 0.6)
        #expect(LinearMap.default.scores(even).composition > LinearMap.default.scores(m).composition)
    }

    @Test("more distinct colours give a higher colour score")
    func moreColoursScoreHigher() {
        let counts = [1, 2, 4, 8, 16]
        let measured = counts.map { measure(Synth.stripes($0)) }
        let palettes = measured.map { $0[.paletteSize] }
        let entropies = measured.map { $0[.hueEntropy] }
        let colorScores = measured.map { LinearMap.default.predict($0)[1] }
        for i in 1..<counts.count {
            #expect(palettes[i] >= palettes[i - 1], "palette \(palettes)")
            #expect(entropies[i] > entropies[i - 1], "hue entropy \(entropies)")
            #expect(colorScores[i] > colorScores[i - 1], "colour \(colorScores)")
        }
    }

    @Test("edges and detail grow with the number of marks")
    func marksAddTexture() {
        let few = measure(Synth.marks(strokes: 5))
        let many = measure(Synth.marks(strokes: 120))
        #expect(many[.edgeDensity] > few[.edgeDensity])
        #expect(many[.detail] > few[.detail])
        #expect(many[.coverage] > few[.coverage])
        #expect(many[.orientationEntropy] > 0.8)
    }

    @Test("large images are measured on a downscaled copy with the same result shape")
    func downscales() {
        let big = Synth.stripes(6, 1600, 1200)
        let small = Synth.stripes(6, 320, 240)
        let a = measure(big), b = measure(small)
        #expect(abs(a[.colorfulness] - b[.colorfulness]) < 2)
        #expect(a[.paletteSize] == b[.paletteSize])
        let working = WorkingImage(big)
        #expect(max(working.width, working.height) == BuiltinScorer.workingSide)
    }

    @Test("the description's length and specific words are counted")
    func description() {
        let m = measure(Synth.flat(), "My grandmother's garden at night, with fireflies and a crooked fence.")
        #expect(m[.descriptionWords] == 11)
        #expect(m[.descriptionSpecificity] == 6)  // grandmother garden night fireflies crooked fence
        #expect(measure(Synth.flat(), "")[.descriptionWords] == 0)
    }

    @Test("originality rewards the artwork that is unlike the rest of the class")
    func originality() {
        var profiles = (0..<8).map {
            ArtworkProfile(id: "\($0)", image: Synth.marks(seed: UInt64($0), strokes: 30), description: "a cat")
        }
        profiles.append(ArtworkProfile(id: "odd", image: Synth.rainbow(), description: "a volcano under the sea"))
        let context = ClassContext(profiles: profiles)
        let scorer = BuiltinScorer()
        let odd = scorer.measurements(for: profiles.last!, context: context)
        let usual = scorer.measurements(for: profiles[0], context: context)
        #expect(odd[.featureDistance] > 2 * usual[.featureDistance])
        #expect(odd[.wordRarity] == 1)
        #expect(usual[.wordRarity] == 0)
        #expect(odd.classSize == 8)
        let alone = scorer.measurements(for: profiles[0], context: .empty)
        #expect(alone.normalized(.featureDistance) == 0.5)
    }

    @Test("tiny, thin and one-colour images score without trouble, with finite, encodable evidence")
    func oddImages() throws {
        let images = [
            Synth.flat(1, 1), Synth.flat(2, 2, (0, 0, 0)), Synth.flat(1, 500, (255, 0, 0)), Synth.rainbow(900, 3),
            Synth.flat(5, 5, (255, 255, 255)),
        ]
        let profiles = images.enumerated().map {
            ArtworkProfile(id: "\($0.offset)", image: $0.element, description: "")
        }
        let context = ClassContext(profiles: profiles)
        for profile in profiles {
            let a = BuiltinScorer().assessment(for: profile, context: context)
            try a.scores.validate()
            #expect(a.evidence.allSatisfy { $0.value.isFinite }, "\(a.evidence.filter { !$0.value.isFinite })")
            #expect(CritiqueWriter.wordRange.contains(CritiqueWriter.wordCount(a.critique)))
            _ = try JSONEncoder().encode(a)
        }
    }

    @Test("every normalised feature stays in 0...1")
    func normalisedRange() {
        for seed in 0..<6 {
            let m = measure(Synth.artwork(seed: UInt64(seed)), "a house")
            for measure in Measure.allCases {
                #expect((0...1).contains(m.normalized(measure)))
            }
        }
    }
}
