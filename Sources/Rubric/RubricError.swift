/// What can be wrong with rubric values.
public enum RubricError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sub-score lies outside 0–20.
    case scoreOutOfRange(Dimension, Int)
    /// A list of sub-scores did not have one value per dimension.
    case wrongCount(Int)

    /// A one-line message: what happened and what to do.
    public var description: String {
        switch self {
        case .scoreOutOfRange(let dimension, let value):
            "\(dimension.title) score \(value) is outside 0–20"
        case .wrongCount(let count):
            "expected 5 sub-scores (originality, color, texture, composition, content), got \(count)"
        }
    }
}
