import Foundation
import Imaging
import Rubric
import Store

/// The one way Easel grades a class: `easel grade`, `easel calibrate`, `easel demo` and the review's background
/// ``GradingWorker`` all go through it, with any ``Scorer``.
///
/// 1. ``prepare(progress:)`` reads the class and asks the scorer for its per-class context (the built-in scorer
///    reuses stored evidence and measures the rest on every core; the VLM needs none).
/// 2. ``grade(_:in:onEvent:)`` decodes the artworks' images at the scorer's size on every core, hands them to the
///    scorer ``Scorer/batchSize`` at a time with up to ``Scorer/concurrency`` batches in flight, and commits each
///    assessment in its own transaction as soon as it is back.
///
/// Cancelling the calling task stops before the next batch; what was committed stays, so a later run (which grades
/// the artworks without an assessment) resumes where this one stopped.
public struct ClassGrader: Sendable {
    /// What the grader reports, in order, on the calling task.
    public enum Event: Sendable, Equatable {
        /// The scorer measured `done` of `total` artworks for its class context.
        case measuring(done: Int, total: Int)
        /// Scoring of these artworks began (one batch).
        case started([Int64])
        /// An assessment was committed.
        case graded(Int64, total: Int)
        /// An artwork could not be graded; the message is one line.
        case failed(Int64, String)
    }

    /// A per-artwork failure carried through a parallel run without stopping it.
    public struct Failure: Error, Sendable, Equatable {
        /// One line.
        public var message: String
    }

    /// A class ready to grade: its artworks and the scorer's context.
    public struct Prepared: Sendable {
        /// Every artwork of the class, in the store's order.
        public var artworks: [Artwork]
        /// Each artwork's newest assessment.
        public var latest: [Int64: AssessmentRecord]
        /// The scorer's class context.
        public var context: ClassContext
    }

    /// What a ``grade(_:in:onEvent:)`` run did.
    public struct Summary: Sendable {
        /// Assessments committed.
        public var graded: Int = 0
        /// Artworks that failed, with one-line reasons.
        public var failures: [(Artwork, String)] = []
        /// The sum of the committed assessments' totals.
        public var totals: Int = 0
        /// Wall-clock seconds.
        public var seconds: Double = 0
        /// Whether the run stopped early because its task was cancelled.
        public var cancelled = false

        /// The mean total of the committed assessments.
        public var meanTotal: Int? { graded > 0 ? totals / graded : nil }
    }

    /// The store the class lives in.
    public let store: Store
    /// The class.
    public let classID: Int64
    /// The scorer.
    public let scorer: any Scorer

    /// Creates a grader; nothing runs until ``prepare(progress:)``.
    public init(store: Store, classID: Int64, scorer: any Scorer) {
        self.store = store
        self.classID = classID
        self.scorer = scorer
    }

    /// Reads the class and builds the scorer's context. Evidence stored with an artwork's newest assessment is
    /// offered for reuse except for `remeasure` (artworks about to be regraded are measured afresh).
    public func prepare(remeasure: Set<Int64> = [], progress: (Int, Int) -> Void = { _, _ in }) async throws
        -> Prepared
    {
        let artworks = try store.artworks(classID: classID)
        let latest = try store.latestAssessments(classID: classID)
        // A file whose content is no longer the picture imported is neither measured nor graded (its scores would
        // sit beside another picture); it is reported as a failure naming the file.
        var changed: [String: String] = [:]
        for artwork in artworks where remeasure.contains(artwork.id) || latest[artwork.id] == nil {
            do {
                _ = try ArtworkFile.contents(of: artwork)
            } catch {
                changed[artwork.sha256] = "\(error)"
            }
        }
        let members = artworks.filter { changed[$0.sha256] == nil }.map { artwork in
            ClassMember(
                id: artwork.sha256, path: artwork.filePath, description: artwork.description,
                stored: remeasure.contains(artwork.id) ? nil : latest[artwork.id]?.assessment)
        }
        var context = try await scorer.classContext(for: members, progress: progress)
        context.unreadable.merge(changed) { _, mine in mine }
        return Prepared(artworks: artworks, latest: latest, context: context)
    }

    /// The class's artworks and those to grade: the ones without an assessment, or every one with `force`.
    public func todo(force: Bool = false) throws -> (all: [Artwork], todo: [Artwork]) {
        let artworks = try store.artworks(classID: classID)
        guard !force else { return (artworks, artworks) }
        let ungraded = Set(try store.artworksWithoutAssessment(classID: classID).map(\.id))
        return (artworks, artworks.filter { ungraded.contains($0.id) })
    }

    /// Prepares the class (measuring `todo` afresh) and grades `todo`.
    public func run(_ todo: [Artwork], onEvent: (Event) -> Void = { _ in }) async throws -> Summary {
        let prepared = try await prepare(remeasure: Set(todo.map(\.id))) { done, total in
            onEvent(.measuring(done: done, total: total))
        }
        return await grade(todo, in: prepared.context, onEvent: onEvent)
    }

    /// Grades `artworks` with the scorer in `context`: images decoded on every core just ahead of the batches that
    /// need them, each assessment committed at once. Failures are reported and skipped; cancellation stops before
    /// the next batch.
    public func grade(_ artworks: [Artwork], in context: ClassContext, onEvent: (Event) -> Void = { _ in }) async
        -> Summary
    {
        let start = ContinuousClock.now
        var summary = Summary()
        let batchSize = max(1, scorer.batchSize)
        let width = max(1, scorer.concurrency)
        let batches = stride(from: 0, to: artworks.count, by: batchSize).map {
            Array(artworks[$0..<min($0 + batchSize, artworks.count)])
        }
        let scorer = self.scorer
        await withTaskGroup(of: [(Artwork, Result<Assessment, Failure>)].self) { group in
            var next = 0
            func submit() {
                let batch = batches[next]
                next += 1
                onEvent(.started(batch.map(\.id)))
                group.addTask { await Self.score(batch, scorer: scorer, context: context) }
            }
            while next < min(width, batches.count) && !Task.isCancelled { submit() }
            while let results = await group.next() {
                for (artwork, result) in results {
                    switch result {
                    case .success(let assessment):
                        do {
                            _ = try store.addAssessment(
                                assessment, artworkID: artwork.id, imageSHA256: artwork.sha256)
                            summary.graded += 1
                            summary.totals += assessment.total
                            onEvent(.graded(artwork.id, total: assessment.total))
                        } catch {
                            summary.failures.append((artwork, "\(error)"))
                            onEvent(.failed(artwork.id, "\(error)"))
                        }
                    case .failure(let failure):
                        summary.failures.append((artwork, failure.message))
                        onEvent(.failed(artwork.id, failure.message))
                    }
                }
                if Task.isCancelled {
                    summary.cancelled = next < batches.count
                } else if next < batches.count {
                    submit()
                }
            }
        }
        summary.seconds = (ContinuousClock.now - start).seconds
        return summary
    }

    /// Decodes a batch's images (on every core) and scores it; every artwork gets a result.
    static func score(_ batch: [Artwork], scorer: any Scorer, context: ClassContext) async -> [(
        Artwork, Result<Assessment, Failure>
    )] {
        let side = scorer.preferredLongestSide
        let inputs: [Result<ArtworkInput, Failure>]
        do {
            inputs = try await Parallel.map(batch) { artwork -> Result<ArtworkInput, Failure> in
                if let reason = context.unreadable[artwork.sha256] { return .failure(Failure(message: reason)) }
                guard scorer.needsImage(id: artwork.sha256, context: context) else {
                    return .success(
                        ArtworkInput(
                            id: artwork.sha256, image: RGBImage(width: 0, height: 0, pixels: []),
                            description: artwork.description))
                }
                do {
                    let image = try ImageDecoder.decodePreview(
                        ArtworkFile.contents(of: artwork), maxWidth: side, maxHeight: side)
                    return .success(ArtworkInput(id: artwork.sha256, image: image, description: artwork.description))
                } catch {
                    return .failure(Failure(message: "\(error)"))
                }
            }
        } catch {
            return batch.map { ($0, .failure(Failure(message: "\(error)"))) }
        }
        let ready = inputs.compactMap { try? $0.get() }
        var scored = ready.isEmpty ? [] : await scorer.assess(batch: ready, context: context)
        if scored.count != ready.count {
            scored = ready.map { _ in .failure(Failure(message: "the scorer returned the wrong number of results")) }
        }
        var results: [(Artwork, Result<Assessment, Failure>)] = []
        var index = 0
        for (artwork, input) in zip(batch, inputs) {
            switch input {
            case .failure(let failure): results.append((artwork, .failure(failure)))
            case .success:
                results.append((artwork, scored[index].mapError { Failure(message: "\($0)") }))
                index += 1
            }
        }
        return results
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
