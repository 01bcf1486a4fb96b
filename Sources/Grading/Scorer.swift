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
    /// Most artworks one ``assess(batch:context:)`` call takes (the VLM decodes that many critiques together).
    var batchSize: Int { get }
    /// How many ``assess(batch:context:)`` calls ``ClassGrader`` keeps in flight at once (a remote scorer sends
    /// that many requests; a scorer that already uses every core says 1).
    var concurrency: Int { get }
    /// Scores several artworks; one result per input, in order. The default calls ``assess(_:context:)`` in turn.
    func assess(batch: [ArtworkInput], context: ClassContext) async -> [Result<Assessment, any Error>]
    /// Builds this scorer's per-class context (the built-in scorer measures the class for originality; the default
    /// is ``ClassContext/empty``). `progress(done, total)` is called as members are measured.
    func classContext(for members: [ClassMember], progress: (Int, Int) -> Void) async throws -> ClassContext
    /// Whether scoring this artwork needs its pixels (false when the context already holds what the scorer needs;
    /// ``ClassGrader`` then skips decoding the file).
    func needsImage(id: String, context: ClassContext) -> Bool
}

extension Scorer {
    /// One artwork per call.
    public var batchSize: Int { 1 }
    /// One call at a time.
    public var concurrency: Int { 1 }

    /// Each artwork in turn through ``assess(_:context:)``.
    public func assess(batch: [ArtworkInput], context: ClassContext) async -> [Result<Assessment, any Error>] {
        var results: [Result<Assessment, any Error>] = []
        for input in batch {
            do {
                results.append(.success(try await assess(input, context: context)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// No class context.
    public func classContext(for members: [ClassMember], progress: (Int, Int) -> Void) async throws -> ClassContext {
        .empty
    }

    /// Always.
    public func needsImage(id: String, context: ClassContext) -> Bool { true }
}

/// One artwork of a class as ``ClassGrader`` hands it to a scorer building its class context.
public struct ClassMember: Sendable, Hashable {
    /// The artwork's stable key (the store's content hash), the same as its ``ArtworkInput/id``.
    public var id: String
    /// Its image file.
    public var path: String
    /// The artist's description.
    public var description: String
    /// Its newest stored assessment whose evidence may be reused, or nil when it must be measured afresh.
    public var stored: Assessment?

    /// Creates a member.
    public init(id: String, path: String, description: String, stored: Assessment? = nil) {
        self.id = id
        self.path = path
        self.description = description
        self.stored = stored
    }
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
    /// Members whose files could not be read while the context was built: id → one-line reason.
    public var unreadable: [String: String]

    /// Creates a context from profiles.
    public init(profiles: [ArtworkProfile], unreadable: [String: String] = [:]) {
        self.profiles = profiles
        self.unreadable = unreadable
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
