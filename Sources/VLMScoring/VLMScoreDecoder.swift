import QwenVL
import Rubric
import Tokenizer

/// The fixed assessment template the model writes when there is no scoring head, where only whole numbers 0–20 can
/// appear: `Originality: NN/20`, one line per dimension, then `Critique: ` and free text. The fixed pieces are fed
/// as given; at each number the choice is restricted to the digit tokens that keep it within 0–20 and, after one
/// digit that can stand alone, the first token of the text that follows (``AssessmentDecoder`` runs it).
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
