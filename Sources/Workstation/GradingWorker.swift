import Foundation
import Grading
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
/// It drives a ``ClassGrader``: first the scorer builds its class context (the built-in scorer measures the
/// class for originality, reusing stored evidence); then the artworks without an assessment are scored a batch at a
/// time and each is stored at once. ``regrade(_:)`` puts one artwork at the front of the queue.
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
        let grader = ClassGrader(store: store, classID: classID, scorer: scorer)
        let prepared: ClassGrader.Prepared
        do {
            prepared = try await grader.prepare { done, total in self.post(.measuring(done: done, total: total)) }
        } catch {
            post(.failed(0, "\(error)"))
            return
        }
        let byID = Dictionary(prepared.artworks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let batchSize = max(1, scorer.batchSize * scorer.concurrency)
        var failed = Set<Int64>()
        while !Task.isCancelled {
            var batch = requests.withLock { list in
                defer { list.removeFirst(min(batchSize, list.count)) }
                return list.prefix(batchSize).compactMap { byID[$0] }
            }
            if batch.isEmpty {
                let ungraded = (try? store.artworksWithoutAssessment(classID: classID)) ?? []
                batch = Array(ungraded.filter { byID[$0.id] != nil && !failed.contains($0.id) }.prefix(batchSize))
            }
            guard !batch.isEmpty else { return }
            _ = await grader.grade(batch, in: prepared.context) { event in
                switch event {
                case .measuring(let done, let total): post(.measuring(done: done, total: total))
                case .started(let ids): for id in ids { post(.started(id)) }
                case .graded(let id, _): post(.graded(id))
                case .failed(let id, let message):
                    failed.insert(id)
                    post(.failed(id, message))
                }
            }
        }
    }
}
