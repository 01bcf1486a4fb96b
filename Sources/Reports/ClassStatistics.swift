import Rubric
import Store

/// The numbers a class report's charts draw, from the final scores (the teacher's where reviewed, else the
/// scorer's suggestion), with how many of them are still suggestions.
public struct ClassStatistics: Sendable, Hashable {
    /// Artworks in the class.
    public var artworks: Int
    /// Artworks with final scores (reviewed, or graded and not reviewed).
    public var scored: Int
    /// Artworks the teacher reviewed.
    public var reviewed: Int
    /// Artworks with suggested scores the teacher has not reviewed yet.
    public var suggested: Int
    /// Artworks not graded yet (no scores at all).
    public var notGraded: Int
    /// The mean final total (0–100), nil when nothing is scored.
    public var meanTotal: Double?
    /// The mean final sub-score per dimension (0–20), in rubric order; empty when nothing is scored.
    public var dimensionMeans: [Dimension: Double]
    /// How many final totals fall in each ten-point bin: 0–9, 10–19, …, 80–89, 90–100.
    public var histogram: [Int]

    /// The labels of ``histogram``'s bins.
    public static let binLabels = (0..<10).map { $0 == 9 ? "90–100" : "\($0 * 10)–\($0 * 10 + 9)" }

    /// The bin of a total.
    public static func bin(_ total: Int) -> Int { min(9, max(0, total / 10)) }

    /// The statistics of `results`.
    public init(_ results: [ArtworkResult]) {
        let finals = results.compactMap(\.finalScores)
        artworks = results.count
        scored = finals.count
        reviewed = results.filter { $0.status != .unreviewed }.count
        suggested = results.filter { $0.status == .unreviewed && $0.finalScores != nil }.count
        notGraded = results.count - finals.count
        meanTotal = finals.isEmpty ? nil : Double(finals.map(\.total).reduce(0, +)) / Double(finals.count)
        var means: [Dimension: Double] = [:]
        if !finals.isEmpty {
            for dimension in Dimension.allCases {
                means[dimension] = Double(finals.map { $0[dimension] }.reduce(0, +)) / Double(finals.count)
            }
        }
        dimensionMeans = means
        var bins = [Int](repeating: 0, count: 10)
        for scores in finals { bins[Self.bin(scores.total)] += 1 }
        histogram = bins
    }
}
