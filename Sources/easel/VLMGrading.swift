import ArgumentParser
import Foundation
import Grading
import Imaging
import QwenVL
import Store

/// The VLM scorer's files: from the command line when given (and then remembered in the config file's `[vlm]`
/// section), else the remembered ones.
struct VLMFiles {
    var model: String
    var mmproj: String
    var head: String?
    /// The largest image in pixels before it is cut into patches (`max_pixels`); nil is the engine's default.
    var maxPixels: Int? = nil

    /// The remembered image size cap of a config file's `[vlm]` section.
    static func maxPixels(in config: EaselConfig) -> Int? { config["max_pixels"].flatMap { Int($0) } }

    static func resolve(model: String?, mmproj: String?, head: String?, maxPixels: Int? = nil) throws -> VLMFiles {
        var config = try EaselConfig.load()
        if let maxPixels {
            config["max_pixels"] = String(maxPixels)
        }
        let pixels = maxPixels ?? Self.maxPixels(in: config)
        let absolute = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
        if model != nil || mmproj != nil || head != nil {
            guard let model, let mmproj else {
                throw GradingError.scorerUnavailable(
                    "--scorer vlm needs both --model TEXT.gguf and --mmproj VISION.gguf")
            }
            config["model"] = absolute(model)
            config["mmproj"] = absolute(mmproj)
            config["head"] = head.map(absolute)
            let files = VLMFiles(
                model: absolute(model), mmproj: absolute(mmproj), head: head.map(absolute), maxPixels: pixels)
            _ = try VLMScorerCheck.open(files)  // remember only files that load
            try config.save()
            return files
        }
        guard let model = config["model"], let mmproj = config["mmproj"] else {
            throw GradingError.scorerUnavailable(
                "--scorer vlm needs --model TEXT.gguf and --mmproj VISION.gguf (none remembered in \(config.path))")
        }
        if maxPixels != nil { try config.save() }
        return VLMFiles(model: model, mmproj: mmproj, head: config["head"], maxPixels: pixels)
    }
}

/// Loads the scorer, turning its errors into the one line the command prints.
enum VLMScorerCheck {
    static func open(_ files: VLMFiles) throws -> VLMScorer {
        do {
            return try VLMScorer(
                modelPath: files.model, mmprojPath: files.mmproj, headPath: files.head,
                maxPixels: files.maxPixels ?? ImagePreprocessor.defaultMaxPixels)
        } catch {
            throw GradingError.scorerUnavailable(error.description)
        }
    }
}

/// `easel grade --scorer vlm`: each artwork decoded to the scorer's size, assessed and committed at once.
enum VLMGrading {
    static func grade(_ artworks: [Artwork], of total: Int, className: String, files: VLMFiles, store: Store)
        async throws
    {
        let scorer = try VLMScorerCheck.open(files)
        print("vlm scorer: \(scorer.version) (\(scorer.head == nil ? "template decoding" : "scoring head"))")
        let start = ContinuousClock.now
        let progress = ProgressReporter(label: "grading", total: artworks.count)
        var graded = 0, totals = 0
        var failures: [String] = []
        for artwork in artworks {
            do {
                let side = scorer.preferredLongestSide
                let image = try ImageDecoder.decodePreview(
                    ArtworkFile.contents(of: artwork), maxWidth: side, maxHeight: side)
                let input = ArtworkInput(id: artwork.sha256, image: image, description: artwork.description)
                let assessment = try await scorer.assess(input, context: .empty)
                try store.addAssessment(assessment, artworkID: artwork.id, imageSHA256: artwork.sha256)
                graded += 1
                totals += assessment.total
            } catch {
                failures.append("\(artwork.filePath): \(error)")
            }
            progress.advance()
        }
        progress.finish()
        let seconds = (ContinuousClock.now - start).seconds
        print(
            "graded \(graded) of \(total) artworks of \(className) with vlm in \(String(format: "%.1f", seconds)) s "
                + "(\(String(format: "%.1f", graded > 0 ? seconds / Double(graded) : 0)) s per artwork)"
                + (graded > 0 ? ", mean total \(totals / graded)" : ""))
        for failure in failures { FileHandle.standardError.write(Data("\(TextSanitizer.clean(failure))\n".utf8)) }
        if !failures.isEmpty { throw ExitCode.failure }
    }
}
