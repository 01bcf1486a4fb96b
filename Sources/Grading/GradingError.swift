/// What can go wrong while grading, calibrating or evaluating.
public enum GradingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Calibration was asked for with too few reviewed artworks.
    case needsMoreReviews(have: Int, need: Int)
    /// A labels file has a problem on one line (line 1 is the header).
    case labels(file: String, line: Int, reason: String)
    /// A file could not be read or decoded.
    case unreadable(file: String, reason: String)
    /// The scorer asked for cannot run here yet.
    case scorerUnavailable(String)
    /// The ridge system could not be solved (features without variation).
    case singular(String)

    /// A one-line message: what happened and what to do.
    public var description: String {
        switch self {
        case .needsMoreReviews(let have, let need):
            "calibration needs \(need - have) more reviewed artwork\(need - have == 1 ? "" : "s") "
                + "(has \(have), needs at least \(need)); review more in `easel review` and try again"
        case .labels(let file, let line, let reason):
            "\(file):\(line): \(reason)"
        case .unreadable(let file, let reason):
            "\(file): \(reason)"
        case .scorerUnavailable(let message):
            message
        case .singular(let what):
            "could not fit \(what): the measurements do not vary enough; add more varied reviewed artworks"
        }
    }
}
