import Foundation
import Imaging
import Rubric
import Testing

@testable import Grading

/// Content is measured on the picture (figure–ground, the main subject's size and place, shapes, detail); the
/// description only supports it.
@Suite struct ContentTests {
    /// A white page with a ring (outline only) or a filled disc, radius `r`, centred at (`cx`, `cy`).
    static func disc(
        _ w: Int, _ h: Int, cx: Double, cy: Double, r: Double, filled: Bool, ground: (UInt8, UInt8, UInt8),
        ink: (UInt8, UInt8, UInt8)
    ) -> RGBImage {
        var image = RGBImage(width: w, height: h, fill: ground)
        for y in 0..<h {
            for x in 0..<w {
                let d = ((Double(x) - cx) * (Double(x) - cx) + (Double(y) - cy) * (Double(y) - cy)).squareRoot()
                if filled ? d <= r : abs(d - r) <= 1.5 { image[x, y] = ink }
            }
        }
        return image
    }

    static func measure(_ image: RGBImage, description: String = "") -> Measurements {
        ArtworkProfile(id: "x", image: image, description: description).measurements
    }

    /// The real images' profiles, measured once (the truth set's), with their labelled descriptions.
    static let realProfiles: [ArtworkProfile] = TruthSet.measured.filter { !$0.item.name.hasPrefix("generated") }.map {
        ArtworkProfile(
            id: $0.item.name, measurements: $0.measurements,
            words: DescriptionMeasurer.contentWords($0.item.description))
    }

    /// A real image's profile with another description (the picture's measurements are kept).
    static func profile(_ name: String, description: String) -> ArtworkProfile? {
        guard var profile = realProfiles.first(where: { $0.id == name }) else { return nil }
        DescriptionMeasurer.measure(description, into: &profile.measurements)
        profile.words = DescriptionMeasurer.contentWords(description)
        return profile
    }

    /// The content score of a real image with a description, in a class of the real images.
    static func content(_ name: String, description: String) -> Int? {
        guard let profile = profile(name, description: description) else { return nil }
        let context = ClassContext(profiles: realProfiles.map { $0.id == name ? profile : $0 })
        return BuiltinScorer().assessment(for: profile, context: context, description: description).scores[.content]
    }

    @Test("an outline drawing counts as the shape it draws: its size and place are measured, and it stands out")
    func outlineSubject() {
        let area = Double.pi * 40 * 40 / (240 * 180)
        let m = Self.measure(
            Self.disc(240, 180, cx: 70, cy: 90, r: 40, filled: false, ground: (255, 255, 255), ink: (20, 20, 20)))
        #expect(abs(m[.subjectSize] - area) < 0.04, "size \(m[.subjectSize]), drawn \(area)")
        #expect(m[.subjectX] < 0.4 && abs(m[.subjectY] - 0.5) < 0.1, "centre \(m[.subjectX]), \(m[.subjectY])")
        #expect(SubjectLook(m).clarity == .clear && SubjectLook(m).place == "left of centre")
        let faint = Self.measure(
            Self.disc(240, 180, cx: 120, cy: 90, r: 40, filled: false, ground: (255, 255, 255), ink: (205, 205, 205)))
        #expect(faint[.figureGround] < m[.figureGround] / 2, "a pale outline separates less")
        let empty = Self.measure(Synth.flat(240, 180, (250, 250, 250)))
        #expect(empty[.subjectSize] == 0 && SubjectLook(empty).clarity == .none)
    }

    @Test("on a painting to the edge, the subject is what the border does not show")
    func paintedSubject() {
        var image = Self.disc(
            240, 180, cx: 160, cy: 70, r: 45, filled: true, ground: (90, 120, 160), ink: (240, 200, 40))
        for y in 144..<180 { for x in 0..<240 { image[x, y] = (120, 80, 50) } }  // a table along the bottom
        let m = Self.measure(image)
        let area = Double.pi * 45 * 45 / (240 * 180)
        #expect(abs(m[.subjectSize] - area) < 0.04, "size \(m[.subjectSize]), painted \(area)")
        #expect(m[.subjectX] > 0.6 && m[.subjectY] < 0.5, "centre \(m[.subjectX]), \(m[.subjectY])")
        #expect(SubjectLook(m).clarity == .clear, "figure–ground \(m[.figureGround])")
    }

    @Test("the picture carries content: a near-empty page with a long description stays low")
    func descriptionOnlySupports() {
        var page = RGBImage(width: 240, height: 180, fill: (255, 255, 255))
        for x in 100..<112 { for y in 80..<84 { page[x, y] = (30, 30, 30) } }
        let long =
            "The harbour at dawn: fishing boats, gulls over the nets, my grandfather mending a sail, "
            + "the lighthouse and the market stalls opening along the quay."
        let scores = BuiltinScorer().assessment(
            for: ArtworkInput(id: "p", image: page, description: long), context: ClassContext(profiles: [])
        ).scores
        #expect(scores[.content] <= 7, "content \(scores[.content]) for a dash and a long description")
    }

    @Test("real paintings described in one word get content from the picture, close to their full description's")
    func oneWordDescription() throws {
        let paintings = TruthSet.realLabels.filter { $0.file.hasPrefix("painting") }
        for label in paintings {
            let word = label.description.split(separator: " ").last.map(String.init) ?? ""
            guard let one = Self.content(label.file, description: word),
                let none = Self.content(label.file, description: ""),
                let full = Self.content(label.file, description: label.description)
            else { return }  // the shared images are absent: nothing to check
            #expect(one >= 8, "\(label.file) described as '\(word)': content \(one)")
            #expect(none >= 7, "\(label.file) without a description: content \(none)")
            #expect(full - none <= 6, "\(label.file): \(none) without and \(full) with its description")
        }
    }

    @Test(
        "without a description the critique says it judged the picture and names the main shape, with no description advice"
    )
    func critiqueWithoutDescription() {
        let profiles = Self.realProfiles.compactMap { Self.profile($0.id, description: "") }
        let context = ClassContext(profiles: profiles)
        for profile in profiles {
            let a = BuiltinScorer().assessment(for: profile, context: context, description: "")
            let m = BuiltinScorer().measurements(for: profile, context: context)
            #expect(a.critique.contains("judged it from the picture"), "\(profile.id): \(a.critique)")
            #expect(a.critique.contains("main shape"), "\(profile.id): \(a.critique)")
            #expect(!a.critique.lowercased().contains("your description"), "\(profile.id): \(a.critique)")
            let problems = EvidenceCheck.problems(m, evidence: a.evidence, critique: a.critique, scores: a.scores)
            #expect(problems.isEmpty, "\(profile.id): \(problems)")
        }
    }
}
