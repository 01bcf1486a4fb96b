import ArgumentParser
import Foundation
import GGUF
import Grading
import Imaging
import QwenVL
import Store
import Tensor
import Tokenizer
import VLMScoring

/// `easel bench class`: a class of generated artworks graded by the VLM scorer through ``ClassGrader`` with
/// Qwen2-VL-2B shapes (synthetic random weights; the real Qwen2 vocabulary and grading prompt), batched with the
/// cached rubric prefix and then one at a time without either, with each phase beside its bound.
public struct BenchClass: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "class",
        abstract:
            "Seconds per artwork grading a class with the VLM (2B shapes): batched + prefix cache vs one at a time.")

    @Option(help: "Artworks in the class.")
    var count = 16

    @Option(help: "Artworks decoded together.")
    var batch = 4

    @Option(help: "Artworks graded one at a time for the baseline (0 skips it; default: all).")
    var baselineCount: Int?

    @Option(help: "Critique tokens per artwork.")
    var critiqueTokens = 120

    @Option(help: "Language-model layers (28 = Qwen2-VL-2B).")
    var layers = 28

    @Option(help: "Vision blocks (32 = Qwen2-VL-2B).")
    var visionLayers = 32

    @Option(help: "Side of the square generated artworks (448 = 256 image tokens).")
    var side = 448

    @Option(help: "The Qwen2 vocabulary (qwen.tiktoken); default ../shared/data/qwen2/qwen.tiktoken.")
    var vocabulary: String?

    @Option(help: "Keep the synthetic model files and one artwork in this folder (to time llama.cpp on them).")
    var keep: String?

    @Option(help: "Decode steps for the batched-decode throughput check (B = 1 vs B = --batch).")
    var decodeSteps = 24

    @Option(help: "llama.cpp's llama-qwen2vl-cli: time it on the same files in the same run (one artwork per run).")
    var llamaCli: String?

    @Option(help: "llama-qwen2vl-cli runs (half before Easel's grading, half after).")
    var llamaRuns = 2

    @Flag(help: "Only write the model files, the artworks and the prompt (with --keep), and print llama.cpp's command.")
    var filesOnly = false

    struct Phases {
        var vision = 0.0, prefill = 0.0, decode = 0.0, total = 0.0, artworks = 0, decodeSteps = 0, tokens = 0
        var prefix = 0.0
    }

    public func run() throws {
        let folder =
            keep
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "easel-bench-class-\(getpid())"
            ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let visionPath = (folder as NSString).appendingPathComponent("mmproj-2b-shape-f16.gguf")
        let textPath = (folder as NSString).appendingPathComponent("text-2b-shape-q4_k_m.gguf")
        let tower = SyntheticVisionTower(layers: visionLayers)
        var text = SyntheticModel(layers: layers)
        text.vocabulary = try SyntheticModel.qwenVocabulary(at: vocabulary)
        let began = Clock.now()
        try tower.write(to: visionPath)
        try text.write(to: textPath)
        print(String(format: "wrote synthetic F16 vision tower and Q4_K_M text model in %.1f s", Clock.since(began)))
        print("files: \(textPath) \(visionPath)")
        print("load average at start: \(Clock.loadAverage())")
        let sgemm = Bounds.sgemmRate(n: 2048)
        let bandwidth = Bounds.readBandwidth(bytes: 1 << 30, threads: Parallel.threadCount)

        let art = (folder as NSString).appendingPathComponent("art")
        try FileManager.default.createDirectory(atPath: art, withIntermediateDirectories: true)
        var paths: [String] = []
        for i in 0..<count {
            let path = (art as NSString).appendingPathComponent(String(format: "artwork%02d.png", i))
            try PNGEncoder.encode(Self.artwork(side: side, seed: i)).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }

        // The grading prompt's text for llama.cpp's `-p` (its own chat template wraps it around the image).
        let promptPath = (folder as NSString).appendingPathComponent("prompt.txt")
        try (RubricPrompt.system + "\n\n" + String(RubricPrompt.user(description: Self.description(0)).dropFirst(7)))
            .write(toFile: promptPath, atomically: true, encoding: .utf8)
        let llamaCommand =
            "llama-qwen2vl-cli -m \(textPath) --mmproj \(visionPath) --image \(paths[0]) "
            + "-p \"$(cat \(promptPath))\" -n \(critiqueTokens) --temp 0 --ignore-eos -t \(Parallel.threadCount)"
        if filesOnly {
            print("llama.cpp on these files: \(llamaCommand)")
            return
        }
        let prompt = try String(contentsOfFile: promptPath, encoding: .utf8)
        var llama: [LlamaCLIRun] = []
        func runLlama(_ runs: Range<Int>) throws {
            guard let binary = llamaCli else { return }
            for run in runs {
                let log = (folder as NSString).appendingPathComponent("llama-\(run).log")
                let result = try LlamaCLIRun.run(
                    binary, text: textPath, vision: visionPath, image: paths[run % paths.count], prompt: prompt,
                    tokens: critiqueTokens, threads: Parallel.threadCount, log: log)
                print(
                    String(
                        format:
                            "llama-qwen2vl-cli run %d: %.2f s wall (vision %.2f, prefill %.2f, decode %.2f); load %@",
                        run + 1, result.wall, result.vision ?? .nan, result.prefill ?? .nan, result.decode ?? .nan,
                        Clock.loadAverage()))
                llama.append(result)
            }
        }
        try runLlama(0..<(llamaRuns / 2))
        let fast = try VLMScorer(
            modelPath: textPath, mmprojPath: visionPath, maxCritiqueTokens: critiqueTokens, batchSize: batch,
            usesPrefixCache: true)
        let batched = try grade(paths, scorer: fast, folder: folder, name: "batched")
        var single: Phases?
        let baseline = min(count, baselineCount ?? count)
        if baseline > 0 {
            let plain = try VLMScorer(
                modelPath: textPath, mmprojPath: visionPath, maxCritiqueTokens: critiqueTokens, batchSize: 1,
                usesPrefixCache: false)
            single = try grade(Array(paths.prefix(baseline)), scorer: plain, folder: folder, name: "single")
        }
        try runLlama((llamaRuns / 2)..<llamaRuns)
        let throughput = try decodeThroughput(fast.model)

        // The bounds: FLOPs over the sgemm rate for vision and prefill, weight bytes over read bandwidth for decode.
        let c = fast.model.language.config
        var bytes = 0
        for info in try GGUFFile(path: textPath).tensors where info.dims.count == 2 { bytes += info.byteCount }
        let patches = side / 14 * (side / 14)
        let visionBound = tower.flops(patches: patches) / sgemm.wall
        let layerParameters =
            Double(c.layers) * Double(2 * c.hidden * c.queryWidth + 2 * c.hidden * c.kvWidth + 3 * c.hidden * c.ffn)
        func prefillBound(_ p: Phases) -> Double {
            let tokens = Double(p.tokens) / Double(max(1, p.artworks))
            return (2 * tokens * layerParameters + 2 * Double(c.hidden * c.vocabularySize)) / sgemm.wall
        }
        func decodeBound(_ p: Phases) -> Double {
            Double(p.decodeSteps) * Double(bytes) / bandwidth.wall / Double(max(1, p.artworks))
        }
        print(
            String(
                format:
                    "bounds: cblas_sgemm %.1f GFLOP/s, read bandwidth %.1f GB/s, %.0f MB of weights per decode step",
                sgemm.wall / 1e9, bandwidth.wall / 1e9, Double(bytes) / 1e6))
        print("seconds per artwork (\(count) artworks, \(critiqueTokens)-token critiques, template decoding):")
        var rows: [(String, Phases)] = [("batched B=\(batch) + prefix cache", batched)]
        if let single { rows.insert(("one at a time, no cache", single), at: 0) }
        print("  phase     " + rows.map { $0.0.padding(toLength: 34, withPad: " ", startingAt: 0) }.joined())
        func line(_ label: String, _ value: (Phases) -> Double, _ bound: ((Phases) -> Double)?) {
            var text = "  " + label.padding(toLength: 10, withPad: " ", startingAt: 0)
            for (_, p) in rows {
                let v = value(p) / Double(max(1, p.artworks))
                let cell =
                    bound.map { String(format: "%6.2f s (bound %5.2f s)", v, $0(p)) } ?? String(format: "%6.2f s", v)
                text += cell.padding(toLength: 34, withPad: " ", startingAt: 0)
            }
            print(text)
        }
        line("vision", \.vision) { _ in visionBound }
        line("prefill", \.prefill, prefillBound)
        line("decode", \.decode, decodeBound)
        line("total", \.total) { visionBound + prefillBound($0) + decodeBound($0) }
        print(String(format: "  (the cached rubric prefix took %.2f s once)", batched.prefix))
        if let single {
            let ratio = (single.total / Double(single.artworks)) / (batched.total / Double(batched.artworks))
            print(String(format: "speed-up over one at a time: %.2f×", ratio))
        }
        print(
            String(
                format: "batched decode: B=1 %.1f tokens/s, B=%d %.1f tokens/s (%.2f×)", throughput.single, batch,
                throughput.batched, throughput.batched / throughput.single))
        if !llama.isEmpty {
            func mean(_ value: (LlamaCLIRun) -> Double?) -> Double {
                let values = llama.compactMap(value)
                return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
            }
            let wall = mean(\.wall)
            print(
                String(
                    format: "llama-qwen2vl-cli per artwork (%d runs): %.2f s wall; vision %.2f, prefill %.2f, "
                        + "decode %.2f s (its own timings)", llama.count, wall, mean(\.vision), mean(\.prefill),
                    mean(\.decode)))
            let easel = batched.total / Double(max(1, batched.artworks))
            print(String(format: "Easel batched vs llama.cpp per artwork: %.2f×", wall / easel))
            if let single {
                print(
                    String(
                        format: "Easel one at a time vs llama.cpp per artwork: %.2f×",
                        wall / (single.total / Double(max(1, single.artworks)))))
            }
        }
        print("llama.cpp on the same files: \(llamaCommand)")
        print("load average at end: \(Clock.loadAverage())")
    }

    /// Imports the artworks into a fresh store and grades them with `scorer` through ``ClassGrader``.
    func grade(_ paths: [String], scorer: VLMScorer, folder: String, name: String) throws -> Phases {
        let dbPath = (folder as NSString).appendingPathComponent("\(name).sqlite")
        try? FileManager.default.removeItem(atPath: dbPath)
        let store = try Store(path: dbPath)
        let classID = try store.ensureClass(named: name).id
        for (i, path) in paths.enumerated() {
            let new = NewArtwork(
                filePath: path, sha256: ArtworkFile.sha256Hex(try Data(contentsOf: URL(fileURLWithPath: path))),
                byteSize: 0, width: side, height: side,
                title: "", description: Self.description(i), studentName: nil)
            _ = try store.importArtwork(new, classID: classID)
        }
        let grader = ClassGrader(store: store, classID: classID, scorer: scorer)
        let start = Clock.now()
        let summary = try Self.blocking { try await grader.run(try grader.todo().todo) }
        let total = Clock.since(start)
        guard summary.failures.isEmpty else {
            throw BenchError("grading failed: \(summary.failures.map(\.1).joined(separator: "; "))")
        }
        let t = scorer.phaseTimes
        print(
            String(
                format: "%@: %d artworks in %.1f s (%.2f s each); %d decode steps for %d tokens; load %@", name,
                summary.graded, total, total / Double(max(1, summary.graded)), t.decodeSteps, t.decodedTokens,
                Clock.loadAverage()))
        return Phases(
            vision: t.vision, prefill: t.prefill + t.prefix, decode: t.decode, total: total, artworks: t.artworks,
            decodeSteps: t.decodeSteps, tokens: t.prefilledTokens, prefix: t.prefix)
    }

    /// Decode tokens per second at B = 1 and B = `batch` after a short prompt (the small-batch kernel's gain).
    func decodeThroughput(_ model: QwenVLModel) throws -> (single: Double, batched: Double) {
        func run(_ b: Int) throws -> Double {
            let sessions = try (0..<b).map { i in
                let session = try MultimodalSession(model: model, capacity: 16 + decodeSteps)
                _ = try session.prefill((0..<8).map { 1000 + 37 * $0 + i })
                return session
            }
            var tokens = (0..<b).map { 100 + $0 }
            let start = Clock.now()
            for _ in 0..<decodeSteps {
                let hidden = try MultimodalSession.step(sessions, tokens: tokens)
                let logits = model.language.logits(hidden: hidden, rows: Array(0..<b))
                let vocabulary = model.language.config.vocabularySize
                tokens = logits.withUnsafeBufferPointer { all in
                    (0..<b).map {
                        Sampler.argmax(UnsafeBufferPointer(rebasing: all[$0 * vocabulary..<($0 + 1) * vocabulary]))
                    }
                }
            }
            return Double(b * decodeSteps) / Clock.since(start)
        }
        let single = try run(1)
        let batched = try run(batch)
        return (single, batched)
    }

    /// Runs async work from this synchronous command.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                box.result = .success(try await body())
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    final class ResultBox<T>: @unchecked Sendable {
        var result: Swift.Result<T, any Error>?
    }

    /// The artist's description of generated artwork `i`.
    static func description(_ i: Int) -> String { "A generated study number \(i) in warm and cool colours." }

    /// A deterministic artwork: colour fields and marks that differ by seed.
    static func artwork(side: Int, seed: Int) -> RGBImage {
        var image = RGBImage(width: side, height: side)
        for y in 0..<side {
            for x in 0..<side {
                let band = (x / (16 + seed) + y / (24 + 2 * seed)) % 5
                image[x, y] = (
                    UInt8(truncatingIfNeeded: x * (seed + 1) + band * 40), UInt8(truncatingIfNeeded: y * 2 + seed * 30),
                    UInt8(truncatingIfNeeded: (x ^ y) + band * 17)
                )
            }
        }
        return image
    }
}
