/// What a scorer says about one artwork: five sub-scores, a critique, the
/// evidence behind them, and who scored and how long it took.
public struct Assessment: Codable, Sendable, Hashable {
    /// The five sub-scores; the total is their sum.
    public var scores: Scores
    /// The written critique, following the rubric.
    public var critique: String
    /// The measured facts behind the scores.
    public var evidence: [Evidence]
    /// The scorer's identifier ("builtin", "vlm").
    public var scorerID: String
    /// The scorer's version, or the model file's hash.
    public var scorerVersion: String
    /// Wall-clock seconds spent scoring.
    public var duration: Double
    /// The critique as parts whose score words follow the scores, when the scorer wrote it that way.
    public var critiqueParts: CritiqueParts?

    /// Creates an assessment; the total is derived from `scores`.
    public init(
        scores: Scores, critique: String, evidence: [Evidence] = [],
        scorerID: String, scorerVersion: String, critiqueParts: CritiqueParts? = nil, duration: Double
    ) {
        self.critiqueParts = critiqueParts
        self.scores = scores
        self.critique = critique
        self.evidence = evidence
        self.scorerID = scorerID
        self.scorerVersion = scorerVersion
        self.duration = duration
    }

    /// The total, 0–100.
    public var total: Int { scores.total }
}
