import QwenVL
import Rubric
import Tokenizer

/// Decodes the fixed assessment template with the model, greedily, where only whole numbers 0–20 can appear:
/// `Originality: NN/20`, one line per dimension, then `Critique: ` and free text. The fixed pieces are fed as
/// given; at each number the choice is restricted to the digit tokens that keep it within 0–20 and, after one
/// digit that can stand alone, the first token of the text that follows.
struct VLMScoreDecoder {
    let model: QwenVLModel
    /// Token ids of "0" … "9".
    let digits: [Int]

    init(model: QwenVLModel) throws(QwenVLError) {
        self.model = model
        var digits: [Int] = []
        for d in 0...9 {
            let ids = model.tokenizer.encode(String(d), parseSpecialTokens: false)
            guard ids.count == 1 else { throw .badOption("the vocabulary has no single token for the digit \(d)") }
            digits.append(ids[0])
        }
        self.digits = digits
    }

    /// The fixed text before dimension `index`'s number.
    static func label(_ index: Int) -> String {
        (index == 0 ? "" : "/20\n") + Dimension.allCases[index].title + ": "
    }

    /// The fixed text after the last number.
    static let critiqueLabel = "/20\nCritique:"

    /// Decodes the scores, continuing a session whose last hidden state gave `logits`; returns the scores and the
    /// logits after `Critique:`.
    func scores(session: MultimodalSession, logits start: [Float]) throws(QwenVLError) -> (
        scores: [Int], logits: [Float]
    ) {
        var logits = start
        var values: [Int] = []
        for index in 0..<Dimension.allCases.count {
            logits = try feed(model.tokenizer.encode(Self.label(index), parseSpecialTokens: false), session, logits)
            let after = index + 1 < Dimension.allCases.count ? Self.label(index + 1) : Self.critiqueLabel
            let follower = model.tokenizer.encode(after, parseSpecialTokens: false)[0]
            let first = Self.best(logits, among: digits)
            var value = digits.firstIndex(of: first)!
            logits = session.logits(try session.step(first), row: 0)
            let seconds = Self.secondDigits(after: value).map { digits[$0] }
            if !seconds.isEmpty {
                let choice = Self.best(logits, among: seconds + [follower])
                if choice != follower {
                    value = value * 10 + digits.firstIndex(of: choice)!
                    logits = session.logits(try session.step(choice), row: 0)
                }
            }
            values.append(value)
        }
        logits = try feed(model.tokenizer.encode(Self.critiqueLabel, parseSpecialTokens: false), session, logits)
        return (values, logits)
    }

    /// Feeds fixed tokens; returns the logits after the last one (`logits` itself when there are none).
    private func feed(_ tokens: [Int], _ session: MultimodalSession, _ logits: [Float]) throws(QwenVLError)
        -> [Float]
    {
        guard !tokens.isEmpty else { return logits }
        let hidden = try session.prefill(tokens)
        return session.logits(hidden, row: tokens.count - 1)
    }

    /// The digits that may follow a first digit so that the number stays a whole number 0–20 without leading
    /// zeros: any after 1, 0 after 2, none otherwise.
    static func secondDigits(after first: Int) -> [Int] {
        first == 1 ? Array(0...9) : first == 2 ? [0] : []
    }

    /// The allowed token with the highest logit (the first among equals).
    static func best(_ logits: [Float], among allowed: [Int]) -> Int {
        var best = allowed[0]
        for id in allowed.dropFirst() where logits[id] > logits[best] { best = id }
        return best
    }
}
