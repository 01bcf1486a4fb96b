import ArgumentParser
import Foundation
import Grading
import QwenVL
import Store

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
    }

    func run() async throws {
        let files =
            scorer == .vlm ? try VLMFiles.resolve(model: model, mmproj: mmproj, head: head, maxPixels: maxPixels) : nil
        let remoteScorer = scorer == .remote ? try RemoteSetup.scorer(remote, model: model, maxPixels: maxPixels) : nil
        let store = try database.open()
        let record = try store.requireClass(className)
        let name = TextSanitizer.clean(record.name)
        let artworks = try store.artworks(classID: record.id)
        guard !artworks.isEmpty else {
            print("class \(name) has no artworks; add some with `easel import DIR --class \(name)`")
            return
        }
        let latest = try store.latestAssessments(classID: record.id)
        let todo = force ? artworks : artworks.filter { latest[$0.id] == nil }
        guard !todo.isEmpty else {
            print("all \(artworks.count) artworks of \(name) have an assessment; --force regrades them")
            return
        }
        if let files {
            try await VLMGrading.grade(todo, of: artworks.count, className: name, files: files, store: store)
            return
        }
        if let remoteScorer {
            try RemoteSetup.approve(remoteScorer, agree: remote.agree)
            try await RemoteGrading.grade(todo, of: artworks.count, className: name, scorer: remoteScorer, store: store)
            return
        }
        let builtin = try BuiltinScorerLoader.load(store)
        let start = ContinuousClock.now
        let measured = try await ClassProfiles.build(artworks, latest: latest, remeasure: Set(todo.map(\.id)))
        let context = ClassContext(profiles: Array(measured.profiles.values))
        let progress = ProgressReporter(label: "grading", total: todo.count)
        var graded = 0, totals = 0
        for artwork in todo {
            guard let profile = measured.profiles[artwork.id] else { continue }
            let assessment = builtin.assessment(for: profile, context: context, description: artwork.description)
            try store.addAssessment(assessment, artworkID: artwork.id)
            graded += 1
            totals += assessment.total
            progress.advance()
        }
        progress.finish()
        let seconds = (ContinuousClock.now - start).seconds
        let rate = seconds > 0 ? Double(graded) / seconds : 0
        print(
            "graded \(graded) of \(artworks.count) artworks of \(name) with builtin \(builtin.version) "
                + "in \(String(format: "%.2f", seconds)) s (\(String(format: "%.1f", rate)) artworks/s)"
                + (graded > 0 ? ", mean total \(totals / graded)" : ""))
        let failed = measured.failures.filter { failure in todo.contains { $0.id == failure.0.id } }
        for (_, reason) in measured.failures {
            FileHandle.standardError.write(Data("\(TextSanitizer.clean(reason))\n".utf8))
        }
        if !failed.isEmpty { throw ExitCode.failure }
    }
}
