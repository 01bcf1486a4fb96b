/// A score band: the word teachers use for a range of points.
///
/// The same five bands apply to every dimension (0–20) and, with other
/// limits, to the total (0–100). A critique uses the band word that matches
/// the number it gives, so that text and number never disagree.
public enum Band: Int, CaseIterable, Codable, Sendable, Comparable {
    case beginning = 1
    case developing = 2
    case competent = 3
    case strong = 4
    case exceptional = 5

    /// The band word ("competent").
    public var word: String {
        switch self {
        case .beginning: "beginning"
        case .developing: "developing"
        case .competent: "competent"
        case .strong: "strong"
        case .exceptional: "exceptional"
        }
    }

    /// The band of a sub-score (0–20): 17–20 exceptional, 13–16 strong,
    /// 9–12 competent, 5–8 developing, 0–4 beginning.
    public init(subScore: Int) {
        switch subScore {
        case 17...: self = .exceptional
        case 13...16: self = .strong
        case 9...12: self = .competent
        case 5...8: self = .developing
        default: self = .beginning
        }
    }

    /// The band of a total (0–100): 85+ exceptional, 65–84 strong,
    /// 45–64 competent, 25–44 developing, below 25 beginning.
    public init(total: Int) {
        switch total {
        case 85...: self = .exceptional
        case 65...84: self = .strong
        case 45...64: self = .competent
        case 25...44: self = .developing
        default: self = .beginning
        }
    }

    /// The points of a sub-score that fall in this band.
    public var subScoreRange: ClosedRange<Int> {
        switch self {
        case .beginning: 0...4
        case .developing: 5...8
        case .competent: 9...12
        case .strong: 13...16
        case .exceptional: 17...20
        }
    }

    /// Bands order from lowest to highest.
    public static func < (lhs: Band, rhs: Band) -> Bool { lhs.rawValue < rhs.rawValue }
}
