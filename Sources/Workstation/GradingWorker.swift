import Foundation
import Grading
import Imaging
import Store
import Synchronization

/// What the background grader reports to the review loop.
public enum GradingEvent: Sendable, Hashable {
    /// Measuring the class for context: `done` of `total` artworks.
    case measuring(done: Int, total: Int)
    /// Scoring of an artwork began.
    case started(Int64)
    /// An assessment was stored (after its transaction committed).
    case graded(Int64)
    /// Scoring failed; the message is one line.
    case failed(Int64, String)
    /// Nothing left to do.
    case idle
}

/// Grades a class's artworks that have no assessment, in the background, with any ``Scorer``; the
/// review loop polls ``drain()`` between keys, so grading never blocks the keyboard.
///
/// First every artwork is measured once at the scorer's preferred size (the class context that
/// originality needs); then each artwork without an assessment is scored and stored. ``regrade(_:)``
/// puts one artwork at the front of the queue.
public final class GradingWorker: Sendable {
    private let store: Store
    private let classID: Int64
    private let scorer: any Scorer
    private let label: String?
    private let events = Mutex<[GradingEvent]>([])
    private let requests = Mutex<[Int64]>([])
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Creates a worker; nothing runs until ``start()``. `label` names the scorer in the header (say the
    /// model's name for the VLM scorer); nil shows its id and version.
    public init(store: Store, classID: Int64, scorer: any Scorer, label: String? = nil) {
        self.store = store
        self.classID = classID
        self.scorer = scorer
        self.label = label
    }

    /// The scorer's label ("builtin 1+default", "vlm Qwen2-VL-2B-Instruct").
    public var scorerLabel: String { label ?? "\(scorer.id) \(scorer.version)" }

    /// Starts grading on a background task.
    public func start() {
        task.withLock { running in
            guard running == nil else { return }
            running = Task.detached(priority: .utility) { [self] in await self.run() }
        }
    }

    /// Stops after the artwork in hand (an unstored assessment is simply redone next time).
    public func stop() {
        task.withLock { $0?.cancel() }
    }

    /// Asks for `artworkID` to be graded again, ahead of the rest.
    public func regrade(_ artworkID: Int64) {
        requests.withLock { $0.append(artworkID) }
        start()
    }

    /// Takes the events reported since the last call.
    public func drain() -> [GradingEvent] {
        events.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }

    private func post(_ event: GradingEvent) {
        events.withLock { $0.append(event) }
    }

    private func run() async {
        defer {
            task.withLock { $0 = nil }
            post(.idle)
        }
        let artworks: [Artwork]
        do {
            artworks = try store.artworks(classID: classID)
        } catch {
            post(.failed(0, "\(error)"))
            return
        }
        var profiles: [ArtworkProfile] = []
        var inputs: [Int64: ArtworkInput] = [:]
        for (i, artwork) in artworks.enumerated() {
            if Task.isCancelled { return }
            post(.measuring(done: i, total: artworks.count))
            guard let input = try? input(for: artwork) else { continue }
            profiles.append(ArtworkProfile(input))
            inputs[artwork.id] = input
        }
        post(.measuring(done: artworks.count, total: artworks.count))
        let context = ClassContext(profiles: profiles)
        let byID = Dictionary(artworks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var failed = Set<Int64>()
        while !Task.isCancelled {
            let requested = requests.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            let next: Artwork?
            if let requested {
                next = byID[requested]
            } else {
                next = try? store.artworksWithoutAssessment(classID: classID).first {
                    byID[$0.id] != nil && !failed.contains($0.id)
                }
            }
            guard let artwork = next else { return }
            post(.started(artwork.id))
            do {
                let input = try inputs[artwork.id] ?? input(for: artwork)
                let assessment = try await scorer.assess(input, context: context)
                _ = try store.addAssessment(assessment, artworkID: artwork.id, imageSHA256: artwork.sha256)
                inputs[artwork.id] = nil
                post(.graded(artwork.id))
            } catch {
                failed.insert(artwork.id)
                post(.failed(artwork.id, "\(error)"))
            }
        }
    }

    private func input(for artwork: Artwork) throws -> ArtworkInput {
        let side = scorer.preferredLongestSide
        let image = try ImageDecoder.decodePreview(ArtworkFile.contents(of: artwork), maxWidth: side, maxHeight: side)
        return ArtworkInput(id: artwork.sha256, image: image, description: artwork.description)
    }
}
