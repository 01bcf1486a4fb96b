import ArgumentParser
import Foundation
import Grading
import QwenVL
import Settings
import Store
import TerminalSafety
import VLMScoring

/// The VLM scorer's files: from the command line when given (and then remembered in the config file's `[vlm]`
/// section), else the remembered ones.
struct VLMFiles {
    var model: String
    var mmproj: String
    var head: String?
    /// The largest image in pixels before it is cut into patches (`max_pixels`); nil is the engine's default.
    var maxPixels: Int? = nil

    static func resolve(model: String?, mmproj: String?, head: String?, maxPixels: Int? = nil) throws -> VLMFiles {
        var settings = try EaselSettings.load()
        var config = try settings.table(VLMSettings.self)
        if let maxPixels {
            config.maxPixels = maxPixels
        }
        let pixels = config.maxPixels
        let absolute = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
        if model != nil || mmproj != nil || head != nil {
            guard let model, let mmproj else {
                throw GradingError.scorerUnavailable(
                    "--scorer vlm needs both --model TEXT.gguf and --mmproj VISION.gguf")
            }
            config.model = absolute(model)
            config.mmproj = absolute(mmproj)
            config.head = head.map(absolute)
            let files = VLMFiles(
                model: absolute(model), mmproj: absolute(mmproj), head: head.map(absolute), maxPixels: pixels)
            _ = try VLMScorerCheck.open(files)  // remember only files that load
            settings.set(config)
            try settings.save()
            return files
        }
        guard let model = config.model, let mmproj = config.mmproj else {
            throw GradingError.scorerUnavailable(
                "--scorer vlm needs --model TEXT.gguf and --mmproj VISION.gguf (none remembered in \(settings.path))")
        }
        if maxPixels != nil {
            settings.set(config)
            try settings.save()
        }
        return VLMFiles(model: model, mmproj: mmproj, head: config.head, maxPixels: pixels)
    }
}

/// Loads the scorer, turning its errors into the one line the command prints.
enum VLMScorerCheck {
    static func open(_ files: VLMFiles, batchSize: Int = VLMScorer.defaultBatchSize) throws -> VLMScorer {
        do {
            return try VLMScorer(
                modelPath: files.model, mmprojPath: files.mmproj, headPath: files.head,
                maxPixels: files.maxPixels ?? ImagePreprocessor.defaultMaxPixels, batchSize: batchSize)
        } catch {
            throw GradingError.scorerUnavailable(error.description)
        }
    }
}
