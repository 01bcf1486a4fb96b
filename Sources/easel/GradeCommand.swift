import ArgumentParser
import Foundation
import Grading
import QwenVL
import RemoteScoring
import Store
import TerminalSafety
import VLMScoring

/// `easel grade --class NAME [--scorer builtin|vlm|remote] [--force]`.
struct GradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a class's artworks that have no assessment yet (all of them with --force).",
        discussion: """
            Measures every artwork on all cores, then scores each one and commits its assessment at once, so an \
            interrupted run resumes where it stopped. The built-in scorer uses the newest calibration \
            (see `easel calibrate`).
            """)

    enum ScorerChoice: String, ExpressibleByArgument, CaseIterable {
        case builtin, vlm, remote
    }

    @Option(name: .customLong("class"), help: "The class name.")
    var className: String

    @Option(help: "The scorer: builtin (no model file), vlm, or remote (a model server; see docs/remote.md).")
    var scorer: ScorerChoice = .builtin

    @Option(help: "vlm: the text model GGUF; remote: the served model's name (remembered in the config file).")
    var model: String?

    @Option(help: "vlm: the vision projector (mmproj) GGUF (remembered).")
    var mmproj: String?

    @Option(help: "vlm: a scoring-head GGUF (remembered); without it the scores are decoded from a template.")
    var head: String?

    @Option(
        help: ArgumentHelp(
            "vlm, remote: the largest image in pixels before it is cut into 28×28 patches (remembered); default 200704, "
                + "256 image tokens.", valueName: "pixels"))
    var maxPixels: Int?

    @Option(help: "vlm: artworks whose critiques are decoded together (1 grades one at a time).")
    var batch: Int = VLMScorer.defaultBatchSize

    @Flag(help: "Regrade artworks that already have an assessment.")
    var force = false

    @OptionGroup var remote: RemoteOptions

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard scorer == .vlm || (mmproj == nil && head == nil) else {
            throw ValidationError("--mmproj and --head go with --scorer vlm")
        }
        guard scorer != .builtin || (model == nil && maxPixels == nil) else {
            throw ValidationError("--model and --max-pixels go with --scorer vlm or remote")
        }
        guard scorer == .remote || !remote.anyGiven else {
            throw ValidationError(
                "--endpoint, --concurrency, --format, --api-key-*, --timeout, --allow-http and --yes go with --scorer remote"
            )
        }
        if let maxPixels, maxPixels < ImagePreprocessor.defaultMinPixels {
            throw ValidationError("--max-pixels must be at least \(ImagePreprocessor.defaultMinPixels) (56×56)")
        }
        guard (1...16).contains(batch) else { throw ValidationError("--batch must be 1 to 16") }
    }

    func run() async throws {
        let files =
            scorer == .vlm ? try VLMFiles.resolve(model: model, mmproj: mmproj, head: head, maxPixels: maxPixels) : nil
        let remoteScorer = scorer == .remote ? try RemoteSetup.scorer(remote, model: model, maxPixels: maxPixels) : nil
        let store = try database.open()
        let record = try store.requireClass(className)
        let name = record.name
        let chosen: any Scorer
        if let files {
            let vlm = try VLMScorerCheck.open(files, batchSize: batch)
            Console.out("vlm scorer: \(vlm.version) (\(vlm.head == nil ? "template decoding" : "scoring head"))")
            chosen = vlm
        } else if let remoteScorer {
            chosen = remoteScorer
        } else {
            chosen = try BuiltinScorerLoader.load(store, classID: record.id)
        }
        let grader = ClassGrader(store: store, classID: record.id, scorer: chosen)
        let (artworks, todo) = try grader.todo(force: force)
        guard !artworks.isEmpty else {
            Console.out("class \(name) has no artworks; add some with `easel import DIR --class \(name)`")
            return
        }
        guard !todo.isEmpty else {
            Console.out("all \(artworks.count) artworks of \(name) have an assessment; --force regrades them")
            return
        }
        if let remoteScorer {
            try RemoteSetup.approve(remoteScorer, agree: remote.agree)
            try await RemoteSetup.check(remoteScorer)
        }
        // Ctrl-C stops sending more work; what finished is committed already and stays.
        let interrupt = Interrupt()
        let work = Task { try await Self.grade(todo, with: grader) }
        interrupt.onSignal { work.cancel() }
        var summary = try await work.value
        interrupt.restore()
        let seconds = summary.seconds
        let rate =
            chosen.id == BuiltinScorer.identifier
            ? "\(String(format: "%.1f", seconds > 0 ? Double(summary.graded) / seconds : 0)) artworks/s"
            : "\(String(format: "%.1f", summary.graded > 0 ? seconds / Double(summary.graded) : 0)) s per artwork"
        Console.out(
            "graded \(summary.graded) of \(artworks.count) artworks of \(name) with \(chosen.id) \(chosen.version) "
                + "in \(String(format: "%.2f", seconds)) s (\(rate))"
                + (summary.meanTotal.map { ", mean total \($0)" } ?? ""))
        if let remoteScorer { Console.out(TerminalText(RemoteSetup.traffic(remoteScorer, seconds: seconds))) }
        if work.isCancelled { summary.failures.removeAll { $0.1.contains("CancellationError") } }
        for (artwork, reason) in summary.failures {
            Console.error(TerminalText(reason.contains(artwork.filePath) ? reason : "\(artwork.filePath): \(reason)"))
        }
        if work.isCancelled {
            Console.error(
                "interrupted: \(summary.graded) graded and kept; run the command again to grade the rest")
            throw ExitCode(130)
        }
        if !summary.failures.isEmpty { throw ExitCode.failure }
    }

    /// Runs the grader with progress bars on stderr: one while the scorer measures the class, one while it grades.
    static func grade(_ todo: [Artwork], with grader: ClassGrader) async throws -> ClassGrader.Summary {
        var measuring: ProgressReporter?
        var grading: ProgressReporter?
        let summary = try await grader.run(todo) { event in
            switch event {
            case .measuring(let done, let total):
                if measuring == nil { measuring = ProgressReporter(label: "measuring", total: total) }
                if done > 0 { measuring?.advance() }
            case .started:
                if grading == nil {
                    measuring?.finish()
                    measuring = nil
                    grading = ProgressReporter(label: "grading", total: todo.count)
                }
            case .graded, .failed:
                grading?.advance()
            }
        }
        measuring?.finish()
        grading?.finish()
        return summary
    }
}
