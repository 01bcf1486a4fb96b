import Rubric

/// The raw values of the built-in scorer's measurements for one artwork.
///
/// Image and description measurements belong to the artwork alone; the
/// originality measurements are filled in against a ``ClassContext``.
public struct Measurements: Codable, Sendable, Hashable {
    /// Raw values by measure, in each measure's own units.
    public var raw: [Measure: Double]
    /// How many other artworks originality was measured against (nil before it was).
    public var classSize: Int?

    /// Creates measurements from raw values.
    public init(raw: [Measure: Double] = [:], classSize: Int? = nil) {
        self.raw = raw
        self.classSize = classSize
    }

    /// The raw value of one measure (0 when it was not measured).
    public subscript(measure: Measure) -> Double {
        get { raw[measure] ?? 0 }
        set { raw[measure] = newValue }
    }

    /// The value of one measure on its 0...1 feature scale, as the linear map sees it.
    ///
    /// Two kinds of feature are gated by how much there is on the page, so that a
    /// near-empty page cannot score on them: the direction and size variety of
    /// marks count in proportion to the marking (edge density up to 4 %), and the
    /// distances from the class count in proportion to the work's substance
    /// (coverage or detail up to 30 %): an empty page is unusual, not original.
    /// Content follows the picture the same way: the description counts in
    /// proportion to the work's substance (words about a picture that is not
    /// there say nothing about it), and a subject's clear outline in proportion
    /// to its size up to a tenth of the page (a clear dash is not a clear subject).
    public func normalized(_ measure: Measure) -> Double {
        let value = measure.normalize(self[measure])
        switch measure {
        case .orientationEntropy, .strokeVariety: return value * marking
        case .featureDistance, .nearestDistance, .descriptionWords, .descriptionSpecificity: return value * substance
        case .figureGround: return value * min(1, max(0, self[.subjectSize] / 0.1))
        default: return value
        }
    }

    /// How much marking there is, 0...1 (edge density over 4 %).
    public var marking: Double { min(1, max(0, self[.edgeDensity] / 0.04)) }

    /// How much is on the page, 0...1 (the larger of coverage and detail, over 30 %).
    public var substance: Double { min(1, max(0, max(self[.coverage], self[.detail]) / 0.3)) }

    /// The normalised features of one dimension, in ``Measure/features(of:)`` order.
    public func featureVector(for dimension: Dimension) -> [Double] {
        Measure.features(of: dimension).map(normalized)
    }

    /// The normalised image and description features that describe the
    /// artwork itself (everything except originality), used to compare
    /// artworks within a class.
    public var profileVector: [Double] {
        Measure.allCases.filter { $0.isFeature && !$0.isRelative }.map(normalized)
    }

    /// A stable digest of the values, used to seed the critique's wording.
    var digest: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for measure in Measure.allCases {
            let quantized = Int64((self[measure] * 1000).rounded())
            var bits = UInt64(bitPattern: quantized)
            for _ in 0..<8 {
                hash ^= bits & 0xff
                hash = hash &* 0x100_0000_01b3
                bits >>= 8
            }
        }
        return hash
    }
}
