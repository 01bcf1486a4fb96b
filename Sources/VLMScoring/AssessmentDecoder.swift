import QwenVL
import Rubric

/// The fixed pieces of the assessment template as tokens, shared by every artwork a scorer decodes.
struct TemplateTokens: Sendable {
    /// Token ids of "0" … "9".
    let digits: [Int]
    /// The fixed text before each dimension's number.
    let labels: [[Int]]
    /// The fixed text after the last number (`/20\nCritique:`).
    let critiqueLabel: [Int]

    init(model: QwenVLModel) throws(QwenVLError) {
        digits = try VLMScoreDecoder(model: model).digits
        labels = Dimension.allCases.indices.map {
            model.tokenizer.encode(VLMScoreDecoder.label($0), parseSpecialTokens: false)
        }
        critiqueLabel = model.tokenizer.encode(VLMScoreDecoder.critiqueLabel, parseSpecialTokens: false)
    }
}

/// One artwork's decoding as a token iterator: given the logits after the last token fed, ``next(logits:)`` names
/// the next token to feed, or nil when the assessment is complete. In template mode the fixed labels are fed as
/// given and at each number only the digits that keep it a whole number 0–20 may be chosen (the logit-mask hook,
/// ``VLMScoreDecoder/best(_:among:)``); then, in both modes, the critique is greedy until the end of the turn or
/// `maxCritiqueTokens`. Because every sequence only ever asks for one token at a time, several artworks decode
/// together in one batched step, each at its own place in the template.
struct AssessmentDecoder {
    enum Mode: Equatable {
        /// Choosing the first (`first == nil`) or second digit of dimension `index`'s number.
        case number(index: Int, first: Int?)
        case critique
        case done
    }

    let template: TemplateTokens
    let stopTokens: Set<Int>
    let maxCritiqueTokens: Int
    private(set) var mode: Mode
    /// Fixed tokens still to feed.
    private var queue: [Int]
    private var queueIndex = 0
    /// The numbers decoded so far (template mode).
    private(set) var values: [Int] = []
    /// The critique's tokens so far.
    private(set) var critique: [Int] = []

    /// A decoder that writes the template (`template` mode) or, with a scoring head, only the critique.
    init(template: TemplateTokens, templateMode: Bool, stopTokens: Set<Int>, maxCritiqueTokens: Int) {
        self.template = template
        self.stopTokens = stopTokens
        self.maxCritiqueTokens = maxCritiqueTokens
        if templateMode {
            mode = .number(index: 0, first: nil)
            queue = template.labels[0]
        } else {
            mode = .critique
            queue = []
        }
    }

    /// Whether the logits after the token just fed will be needed (false while fixed tokens remain to be fed, and
    /// once decoding is over).
    var wantsLogits: Bool {
        queueIndex >= queue.count && mode != .done && !(mode == .critique && critique.count >= maxCritiqueTokens)
    }

    /// The next token to feed, or nil when done. `logits` are those after the last token fed (only read when
    /// ``wantsLogits`` was true after feeding it).
    mutating func next(logits: [Float]) -> Int? {
        if queueIndex < queue.count {
            defer { queueIndex += 1 }
            return queue[queueIndex]
        }
        switch mode {
        case .number(let index, nil):
            let token = VLMScoreDecoder.best(logits, among: template.digits)
            let value = template.digits.firstIndex(of: token)!
            if VLMScoreDecoder.secondDigits(after: value).isEmpty {
                finishNumber(index, value: value)
            } else {
                mode = .number(index: index, first: value)
            }
            return token
        case .number(let index, let first?):
            let follower = index + 1 < template.labels.count ? template.labels[index + 1][0] : template.critiqueLabel[0]
            let seconds = VLMScoreDecoder.secondDigits(after: first).map { template.digits[$0] }
            let choice = VLMScoreDecoder.best(logits, among: seconds + [follower])
            if choice == follower {
                finishNumber(index, value: first)
                return next(logits: logits)  // the follower opens the next fixed label
            }
            finishNumber(index, value: first * 10 + template.digits.firstIndex(of: choice)!)
            return choice
        case .critique:
            guard critique.count < maxCritiqueTokens else {
                mode = .done
                return nil
            }
            let token = Sampler.argmax(logits)
            if stopTokens.contains(token) {
                mode = .done
                return nil
            }
            critique.append(token)
            return token
        case .done:
            return nil
        }
    }

    /// Records a number and queues the next label (or the critique's).
    private mutating func finishNumber(_ index: Int, value: Int) {
        values.append(value)
        queueIndex = 0
        if index + 1 < template.labels.count {
            queue = template.labels[index + 1]
            mode = .number(index: index + 1, first: nil)
        } else {
            queue = template.critiqueLabel
            mode = .critique
        }
    }
}
