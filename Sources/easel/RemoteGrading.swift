import ArgumentParser
import Foundation
import Grading
import RemoteScoring
import Rubric
import Store

/// `easel grade --scorer remote`: up to the scorer's concurrency of artworks in flight, each assessment committed as
/// soon as it is back; Ctrl-C stops sending, and what finished stays committed (a later run resumes).
enum RemoteGrading {
    static func grade(_ artworks: [Artwork], of total: Int, className: String, scorer: RemoteScorer, store: Store)
        async throws
    {
        try await scorer.checkServer()
        print("remote scorer: \(scorer.version), \(scorer.concurrency) in flight")
        // Only the grading task below touches the reporter, one artwork at a time.
        nonisolated(unsafe) let progress = ProgressReporter(label: "grading", total: artworks.count)
        let start = ContinuousClock.now
        let interrupt = Interrupt()
        let work = Task { () -> (graded: Int, totals: Int, failures: [String]) in
            var graded = 0, totals = 0
            var failures: [String] = []
            await withTaskGroup(of: (Artwork, Result<Assessment, any Error>).self) { group in
                var next = 0
                func submit() {
                    let artwork = artworks[next]
                    next += 1
                    group.addTask {
                        do {
                            let image = try ArtworkLoader.image(
                                contentsOf: URL(fileURLWithPath: artwork.filePath),
                                longestSide: scorer.preferredLongestSide)
                            let input = ArtworkInput(
                                id: artwork.sha256, image: image, description: artwork.description)
                            return (artwork, .success(try await scorer.assess(input, context: .empty)))
                        } catch {
                            return (artwork, .failure(error))
                        }
                    }
                }
                while next < min(scorer.concurrency, artworks.count) { submit() }
                while let (artwork, result) = await group.next() {
                    switch result {
                    case .success(let assessment):
                        do {
                            try store.addAssessment(assessment, artworkID: artwork.id)
                            graded += 1
                            totals += assessment.total
                        } catch {
                            failures.append("\(artwork.filePath): \(error)")
                        }
                    case .failure(let error) where error is CancellationError:
                        break
                    case .failure(let error):
                        failures.append("\(artwork.filePath): \(error)")
                    }
                    let stats = scorer.client.statistics
                    let seconds = (ContinuousClock.now - start).seconds
                    progress.advance(
                        note: seconds > 0 ? "server \(Int(Double(stats.completionTokens) / seconds)) tokens/s" : nil)
                    if !Task.isCancelled && next < artworks.count { submit() }
                }
            }
            return (graded, totals, failures)
        }
        interrupt.onSignal { work.cancel() }
        let (graded, totals, failures) = await work.value
        interrupt.restore()
        progress.finish()
        let seconds = (ContinuousClock.now - start).seconds
        let stats = scorer.client.statistics
        let perMinute = seconds > 0 ? Double(graded) * 60 / seconds : 0
        print(
            "graded \(graded) of \(total) artworks of \(className) with remote in \(String(format: "%.1f", seconds)) s "
                + "(\(String(format: "%.1f", perMinute)) artworks/min)"
                + (graded > 0 ? ", mean total \(totals / graded)" : ""))
        print(
            "sent \(stats.requests) requests (\(stats.retries) retries): \(kilobytes(stats.bytesSent)) out, "
                + "\(kilobytes(stats.bytesReceived)) back; \(stats.promptTokens) prompt and \(stats.completionTokens) "
                + "completion tokens")
        for failure in failures { FileHandle.standardError.write(Data("\(TextSanitizer.clean(failure))\n".utf8)) }
        if work.isCancelled {
            let left = artworks.count - graded - failures.count
            FileHandle.standardError.write(
                Data("interrupted: \(graded) graded and kept, \(left) left; run the command again to go on\n".utf8))
            throw ExitCode(130)
        }
        if !failures.isEmpty { throw ExitCode.failure }
    }

    static func kilobytes(_ bytes: Int) -> String {
        bytes >= 1_000_000
            ? String(format: "%.1f MB", Double(bytes) / 1e6) : String(format: "%.1f kB", Double(bytes) / 1e3)
    }
}

/// Ctrl-C (SIGINT) and SIGTERM as a callback instead of the default exit, so a run can stop sending and keep what
/// finished. A second Ctrl-C exits at once.
final class Interrupt: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private var count = 0

    func onSignal(_ action: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler { [self] in
                count += 1
                if count > 1 { exit(130) }
                FileHandle.standardError.write(
                    Data("\nstopping: waiting for nothing more; finished work is kept\n".utf8))
                action()
            }
            source.resume()
            sources.append(source)
        }
    }

    func restore() {
        for source in sources { source.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
