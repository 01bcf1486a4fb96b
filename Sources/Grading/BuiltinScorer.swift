import Imaging
import Rubric

/// The built-in, explainable scorer: measured image and description features
/// per dimension, originality against the class, a linear map to 0–20, and a
/// critique that quotes the measurements. Needs no model file.
public struct BuiltinScorer: Scorer {
    /// The scorer's identifier.
    public static let identifier = "builtin"
    /// The version of the measurements and critique writer; bump when they change (6: colour names by tint too).
    public static let measurementVersion = "6"
    /// The longest side the scorer measures at; larger images are downscaled first.
    public static let workingSide = WorkingImage.longestSide

    /// The map from measurements to sub-scores.
    public let map: LinearMap
    /// Names the map in ``version``: "default", or a calibration's label such as "cal3".
    public let mapLabel: String

    /// Creates a scorer with the default map or a calibrated one.
    public init(map: LinearMap = .default, mapLabel: String = "default") {
        self.map = map
        self.mapLabel = mapLabel
    }

    /// "builtin".
    public var id: String { Self.identifier }
    /// The measurement version and the map's label, e.g. "6+default".
    public var version: String { "\(Self.measurementVersion)+\(mapLabel)" }
    /// The working side the measurements use.
    public var preferredLongestSide: Int { Self.workingSide }

    /// Measures the artwork, maps the measurements to sub-scores and writes the critique.
    public func assess(_ artwork: ArtworkInput, context: ClassContext) async throws -> Assessment {
        assessment(for: artwork, context: context)
    }

    /// Scores one artwork synchronously (reusing its profile from `context` when present).
    public func assessment(for artwork: ArtworkInput, context: ClassContext) -> Assessment {
        let clock = ContinuousClock()
        let start = clock.now
        let profile = context.profile(id: artwork.id) ?? ArtworkProfile(artwork)
        var result = assessment(for: profile, context: context, description: artwork.description)
        let elapsed = clock.now - start
        result.duration =
            Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return result
    }

    /// Scores an artwork from its profile (no pixels needed); `duration` is the time spent here.
    public func assessment(for profile: ArtworkProfile, context: ClassContext, description: String = "")
        -> Assessment
    {
        let clock = ContinuousClock()
        let start = clock.now
        let m = measurements(for: profile, context: context)
        let scores = map.scores(m)
        let parts = CritiqueWriter.parts(
            scores: scores, measurements: m, description: description, seed: m.digest ^ Self.hash(description))
        let critique = parts.text(for: scores)
        let elapsed = clock.now - start
        return Assessment(
            scores: scores, critique: critique, evidence: EvidenceWriter.evidence(m),
            scorerID: id, scorerVersion: version, critiqueParts: parts,
            duration: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    /// The profile's measurements with originality measured against the rest of the class.
    public func measurements(for profile: ArtworkProfile, context: ClassContext) -> Measurements {
        OriginalityMeasurer.measure(profile, peers: context.peers(excluding: profile.id))
    }

    /// The key a calibration fitted on one class alone is stored under ("builtin@class7"); a calibration
    /// pooled over classes is stored under ``identifier`` and serves every class without its own.
    public static func calibrationKey(classID: Int64) -> String { "\(identifier)@class\(classID)" }

    /// FNV-1a over UTF-8, for seeding.
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
