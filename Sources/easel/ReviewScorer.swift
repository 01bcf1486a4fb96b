import Foundation
import GGUF
import Grading
import Settings
import Store
import VLMScoring
import Workstation

/// The background grader `easel review` runs: the built-in scorer, the VLM scorer with the files remembered in the
/// config file's `[vlm]` table, or none. Every problem is one line, before the screen starts.
enum ReviewScorer {
    static let choices = ["builtin", "vlm", "none"]

    /// The VLM scorer of the remembered files and its header label ("vlm tiny-untied").
    static func vlm() throws -> (scorer: VLMScorer, label: String) {
        let settings = try EaselSettings.load()
        let config = try settings.table(VLMSettings.self)
        guard let model = config.model, let mmproj = config.mmproj else {
            throw GradingError.scorerUnavailable(
                "review --scorer vlm: no model remembered in \(settings.path); run `easel grade --class NAME "
                    + "--scorer vlm --model TEXT.gguf --mmproj VISION.gguf` once to remember one")
        }
        let scorer = try VLMScorerCheck.open(
            VLMFiles(model: model, mmproj: mmproj, head: config.head, maxPixels: config.maxPixels))
        return (scorer, "vlm " + modelName(model))
    }

    /// The text GGUF's `general.name`, else its file name.
    static func modelName(_ path: String) -> String {
        if let name = try? GGUFFile(path: path).metadata.string("general.name"),
            !name.trimmingCharacters(in: .whitespaces).isEmpty
        {
            return name
        }
        return URL(fileURLWithPath: path).lastPathComponent
    }

    /// The worker for `name` (one of ``choices``), or nil for `none`.
    static func worker(_ name: String, store: Store, classID: Int64, vlm: (scorer: VLMScorer, label: String)?)
        throws -> GradingWorker?
    {
        if let vlm { return GradingWorker(store: store, classID: classID, scorer: vlm.scorer, label: vlm.label) }
        guard name == "builtin" else { return nil }
        return GradingWorker(
            store: store, classID: classID, scorer: try BuiltinScorerLoader.load(store, classID: classID))
    }
}
