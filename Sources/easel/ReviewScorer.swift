import Foundation
import GGUF
import Grading
import RemoteScoring
import Settings
import Store
import Synchronization
import VLMScoring
import Workstation

/// The background grader `easel review` runs: the built-in scorer, the VLM scorer with the files remembered in the
/// config file's `[vlm]` table, the remote scorer with the server remembered in `[remote]`, or none. Every problem
/// is one line, before the screen starts.
enum ReviewScorer {
    static let choices = ReviewSettings.scorerChoices

    /// A loaded model scorer and its header label ("vlm tiny-untied", "remote tiny@127.0.0.1:8000").
    typealias Loaded = (scorer: any Scorer, label: String)

    /// The model scorer `name` needs (nil for builtin and none).
    static func load(_ name: String) throws -> Loaded? {
        switch name {
        case "vlm":
            let (scorer, label) = try vlm()
            return (scorer, label)
        case "remote": return try remote()
        default: return nil
        }
    }

    /// The remote scorer of the remembered server. Review never asks: artworks go only to an endpoint the teacher
    /// already agreed to (with `easel grade --scorer remote`, which asks once or takes `--yes`); then the server is
    /// checked (it answers and serves the model), so a server that is down is one line, not an error per artwork.
    static func remote() throws -> Loaded {
        let settings = try EaselSettings.load()
        let config = try settings.table(RemoteSettings.self)
        guard config.endpoint != nil, config.model != nil else {
            throw GradingError.scorerUnavailable(
                "review --scorer remote: no server remembered in \(settings.path); run `easel grade --class NAME "
                    + "--scorer remote --endpoint URL --model NAME --yes` once to remember one")
        }
        let scorer = try RemoteSetup.scorer(RemoteOptions.parse([]), model: nil, maxPixels: nil, remember: false)
        let host = scorer.client.endpoint.host
        guard RemoteSetup.approvedHosts(config).contains(host) else {
            throw RemoteError.notApproved(
                "review --scorer remote: sending artworks to \(host) was never agreed to, so nothing was sent; run "
                    + "`easel grade --class NAME --scorer remote --yes` once to agree")
        }
        try waitFor { try await scorer.checkServer() }
        return (scorer, "remote \(scorer.model)@\(host)")
    }

    /// Runs async work to its end from synchronous code (review's set-up, before the screen starts).
    static func waitFor(_ work: @escaping @Sendable () async throws -> Void) throws {
        let outcome = Mutex<Result<Void, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await work()
                outcome.withLock { $0 = .success(()) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        try outcome.withLock { $0 }?.get()
    }

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

    /// The worker for `name` (one of ``choices``), or nil for `none`; `loaded` is ``load(_:)``'s model scorer.
    static func worker(_ name: String, store: Store, classID: Int64, loaded: Loaded?) throws -> GradingWorker? {
        if let loaded {
            return GradingWorker(store: store, classID: classID, scorer: loaded.scorer, label: loaded.label)
        }
        guard name == "builtin" else { return nil }
        return GradingWorker(
            store: store, classID: classID, scorer: try BuiltinScorerLoader.load(store, classID: classID))
    }
}
