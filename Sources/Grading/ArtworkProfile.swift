import Imaging

/// What the built-in scorer knows about an artwork on its own: its image and
/// description measurements and its description's specific words.
///
/// Profiles are cheap to keep (a few dozen numbers) and make up a
/// ``ClassContext``; computing them is the expensive part of scoring, so a
/// grader measures each artwork once and reuses the profile.
public struct ArtworkProfile: Codable, Sendable, Hashable {
    /// The artwork's key within the class.
    public var id: String
    /// Image and description measurements (originality not yet filled in).
    public var measurements: Measurements
    /// The description's specific words.
    public var words: Set<String>

    /// Creates a profile from parts.
    public init(id: String, measurements: Measurements, words: Set<String>) {
        self.id = id
        self.measurements = measurements
        self.words = words
    }

    /// Measures an artwork. The image is downscaled internally to
    /// ``BuiltinScorer/workingSide`` when larger.
    public init(id: String, image: RGBImage, description: String) {
        let working = WorkingImage(image)
        var m = Measurements()
        m[.sheet] = working.sheet.found ? working.sheet.share : 0
        ColorMeasurer.measure(working, into: &m)
        TextureMeasurer.measure(working, into: &m)
        CompositionMeasurer.measure(working, into: &m)
        ContentMeasurer.measure(working, into: &m)
        DescriptionMeasurer.measure(description, into: &m)
        self.init(id: id, measurements: m, words: DescriptionMeasurer.contentWords(description))
    }

    /// Measures an artwork input.
    public init(_ artwork: ArtworkInput) {
        self.init(id: artwork.id, image: artwork.image, description: artwork.description)
    }
}
