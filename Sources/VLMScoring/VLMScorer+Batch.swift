import Foundation
import Grading
import QwenVL
import Rubric
import Tensor

/// Where a VLM scorer's time went, in seconds (summed over artworks).
public struct VLMPhaseTimes: Sendable {
    /// Resizing, patching and the vision tower.
    public var vision: Double = 0
    /// The prompt's prefill (after any cached prefix) and its first logits.
    public var prefill: Double = 0
    /// The prefix's one-time prefill.
    public var prefix: Double = 0
    /// Decode steps (template numbers and critique), batched across artworks.
    public var decode: Double = 0
    /// Decode steps run (each serves every artwork of the batch still decoding).
    public var decodeSteps: Int = 0
    /// Tokens decoded, summed over artworks.
    public var decodedTokens: Int = 0
    /// Prompt tokens prefilled, summed over artworks (the cached prefix not counted).
    public var prefilledTokens: Int = 0
    /// Artworks assessed.
    public var artworks: Int = 0
}

extension VLMScorer {
    /// Scores a batch together: each artwork's image is encoded and its prompt prefilled (after the shared rubric
    /// prefix, when cached), then all critiques are decoded in one batched step per token, each sequence with its own
    /// KV cache, positions and template state. Greedy; every assessment is the one ``assessment(_:)`` gives alone.
    public func assess(batch: [ArtworkInput], context: ClassContext) async -> [Result<Assessment, any Error>] {
        assessments(batch)
    }

    /// Seconds per phase since the scorer was made.
    public var phaseTimes: VLMPhaseTimes { lock.withLock { phaseSeconds } }

    /// The batch, synchronously (one batch at a time).
    public func assessments(_ inputs: [ArtworkInput]) -> [Result<Assessment, any Error>] {
        lock.withLock {
            var results: [Result<Assessment, any Error>?] = Array(repeating: nil, count: inputs.count)
            for start in stride(from: 0, to: inputs.count, by: batchSize) {
                let range = start..<min(start + batchSize, inputs.count)
                for (offset, result) in decodeTogether(Array(inputs[range])).enumerated() {
                    results[start + offset] = result
                }
            }
            return results.map { $0! }
        }
    }

    /// One artwork in flight.
    private struct Sequence {
        var index: Int
        var session: MultimodalSession
        var decoder: AssessmentDecoder
        var logits: [Float]
        var scores: Scores?
        var evidence: [Evidence]
    }

    private func decodeTogether(_ inputs: [ArtworkInput]) -> [Result<Assessment, any Error>] {
        let start = ContinuousClock.now
        var results: [Result<Assessment, any Error>?] = Array(repeating: nil, count: inputs.count)
        var live: [Sequence] = []
        for (index, input) in inputs.enumerated() {
            do {
                live.append(try begin(input, index: index))
            } catch {
                results[index] = .failure(error)
            }
        }
        let decodeStart = ContinuousClock.now
        var steps = 0, decoded = 0
        while !live.isEmpty {
            var feeding: [Int] = []
            var tokens: [Int] = []
            var finished: [Int] = []
            for (slot, sequence) in live.enumerated() {
                if let token = live[slot].decoder.next(logits: sequence.logits) {
                    feeding.append(slot)
                    tokens.append(token)
                } else {
                    finished.append(slot)
                }
            }
            for slot in finished {
                results[live[slot].index] = Result { try self.finish(live[slot]) }
            }
            if !tokens.isEmpty {
                do {
                    let hidden = try MultimodalSession.step(feeding.map { live[$0].session }, tokens: tokens)
                    steps += 1
                    decoded += tokens.count
                    let wanting = feeding.indices.filter { live[feeding[$0]].decoder.wantsLogits }
                    if !wanting.isEmpty {
                        let logits = model.language.logits(hidden: hidden, rows: wanting)
                        let vocabulary = model.language.config.vocabularySize
                        for (i, row) in wanting.enumerated() {
                            live[feeding[row]].logits = Array(logits[i * vocabulary..<(i + 1) * vocabulary])
                        }
                    }
                } catch {
                    for slot in feeding { results[live[slot].index] = .failure(error) }
                    finished += feeding
                }
            }
            let done = Set(finished)
            live = live.enumerated().filter { !done.contains($0.offset) }.map(\.element)
        }
        phaseSeconds.decode += (ContinuousClock.now - decodeStart).secondsValue
        phaseSeconds.decodeSteps += steps
        phaseSeconds.decodedTokens += decoded
        let each = (ContinuousClock.now - start).secondsValue / Double(max(1, inputs.count))
        return results.map { result in
            result!.map { assessment in
                var timed = assessment
                timed.duration = each
                return timed
            }
        }
    }

    /// Encodes the image, prefills the prompt (after the cached prefix where it applies) and reads the head's scores.
    private func begin(_ artwork: ArtworkInput, index: Int) throws -> Sequence {
        let visionStart = ContinuousClock.now
        let image = artwork.image
        let patches = try preprocessor.patches(rgb: image.pixels, width: image.width, height: image.height)
        let encoded = EncodedImage(patches: patches, features: try vision.encode(patches))
        var tokens = try model.expandImagePads(
            model.tokenizer.encode(Self.prompt(description: artwork.description)), images: [patches])
        if let head { tokens.append(head.tokenID) }
        let prefillStart = ContinuousClock.now
        phaseSeconds.vision += (prefillStart - visionStart).secondsValue
        let capacity = tokens.count + maxCritiqueTokens + 256  // room for the template's fixed text and numbers
        let session: MultimodalSession
        var rest = tokens
        if let prefix = try sharedPrefix(), prefix.isPrefix(of: tokens) {
            session = try MultimodalSession(model: model, capacity: capacity, prefix: prefix)
            rest = Array(tokens[prefix.tokens.count...])
        } else {
            session = try MultimodalSession(model: model, capacity: capacity)
        }
        let hidden = try session.prefill(rest, images: [encoded])
        let logits = session.logits(hidden, row: rest.count - 1)
        phaseSeconds.prefill += (ContinuousClock.now - prefillStart).secondsValue
        phaseSeconds.prefilledTokens += rest.count
        phaseSeconds.artworks += 1
        var scores: Scores?
        var evidence: [Evidence] = []
        if let head {
            let width = model.language.config.hidden
            let raw = head.values(hidden[(hidden.count - width)...])
            scores = Scores(clamping: raw.map(Double.init))
            evidence = zip(Dimension.allCases, raw).map { dimension, value in
                Evidence(
                    dimension: dimension, measure: "score_head", value: Double(value),
                    note: "the scoring head's raw value, rounded and clamped to 0–20")
            }
        }
        if template == nil { template = try TemplateTokens(model: model) }
        let decoder = AssessmentDecoder(
            template: template!, templateMode: head == nil, stopTokens: model.stopTokens,
            maxCritiqueTokens: maxCritiqueTokens)
        return Sequence(
            index: index, session: session, decoder: decoder, logits: logits, scores: scores, evidence: evidence)
    }

    /// The assessment of a sequence that finished decoding.
    private func finish(_ sequence: Sequence) throws -> Assessment {
        let scores = try sequence.scores ?? Scores(sequence.decoder.values)
        var bytes: [UInt8] = []
        for token in sequence.decoder.critique where !model.tokenizer.isSpecial(token) {
            bytes += model.tokenizer.bytes(of: token)
        }
        let critique = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Assessment(
            scores: scores, critique: critique, evidence: sequence.evidence, scorerID: id, scorerVersion: version,
            duration: 0)
    }

    /// The rubric's system turn, prefilled once (nil when the prefix cache is off or the prompt has no image).
    private func sharedPrefix() throws -> PromptPrefix? {
        guard usesPrefixCache else { return nil }
        if let prefix { return prefix }
        let tokens = model.tokenizer.encode(Self.prompt(description: ""))
        guard let pad = model.imagePadID, let cut = tokens.firstIndex(of: pad), cut > 0 else { return nil }
        let began = ContinuousClock.now
        let made = try PromptPrefix(model: model, tokens: Array(tokens[..<cut]))
        phaseSeconds.prefix += (ContinuousClock.now - began).secondsValue
        prefix = made
        return made
    }
}

extension Duration {
    /// The duration in seconds.
    var secondsValue: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
