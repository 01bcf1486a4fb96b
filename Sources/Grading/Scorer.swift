import Imaging
import Rubric

/// Something that grades one artwork against the rubric.
///
/// Implementations are values that can be shared between tasks: the review
/// UI's background grader and `easel grade` call ``assess(_:context:)``
/// concurrently from many tasks. The built-in feature scorer and the VLM
/// scorer both conform.
public protocol Scorer: Sendable {
    /// The scorer's identifier, stored with every assessment ("builtin", "vlm").
    var id: String { get }
    /// The scorer's version, or its model file's hash; changes whenever its scores could change.
    var version: String { get }
    /// The longest image side, in pixels, the scorer wants: callers decode
    /// (or preview-decode) the artwork straight to about this size, once.
    var preferredLongestSide: Int { get }
    /// Scores one artwork. `context` holds the class's artworks (the artwork
    /// itself may be among them; scorers leave it out where they compare).
    func assess(_ artwork: ArtworkInput, context: ClassContext) async throws -> Assessment
}

/// One artwork as a scorer sees it.
public struct ArtworkInput: Sendable {
    /// A key that is stable within the class (the store uses the content hash).
    public var id: String
    /// The pixels, upright, ideally already downscaled to the scorer's ``Scorer/preferredLongestSide``.
    public var image: RGBImage
    /// The artist's description (may be empty).
    public var description: String

    /// Creates an input.
    public init(id: String, image: RGBImage, description: String) {
        self.id = id
        self.image = image
        self.description = description
    }
}

/// The rest of the class, for judging originality: each artwork's profile.
public struct ClassContext: Sendable {
    /// Profiles of the class's artworks, in any order.
    public var profiles: [ArtworkProfile]

    /// Creates a context from profiles.
    public init(profiles: [ArtworkProfile]) {
        self.profiles = profiles
    }

    /// A context with no other artworks: originality is then scored as neutral.
    public static let empty = ClassContext(profiles: [])

    /// The profile with this id, if the context holds it.
    public func profile(id: String) -> ArtworkProfile? {
        profiles.first { $0.id == id }
    }

    /// Every profile except the one with this id.
    public func peers(excluding id: String) -> [ArtworkProfile] {
        profiles.filter { $0.id != id }
    }
}
