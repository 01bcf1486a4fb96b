/// The five agreement metrics for one dimension or the total.
public struct MetricSummary: Codable, Sendable, Hashable {
    /// Pearson's r, nil when undefined.
    public var pearson: Double?
    /// Spearman's ρ, nil when undefined.
    public var spearman: Double?
    /// Mean absolute error in points.
    public var mae: Double?
    /// Root mean squared error in points.
    public var rmse: Double?
    /// ICC(2,1), absolute agreement, nil when undefined.
    public var icc: Double?

    /// Computes every metric for paired predictions and human scores.
    public init(predicted: [Double], actual: [Double]) {
        pearson = Metrics.pearson(predicted, actual)
        spearman = Metrics.spearman(predicted, actual)
        mae = Metrics.mae(predicted, actual)
        rmse = Metrics.rmse(predicted, actual)
        icc = Metrics.icc21(predicted, actual)
    }

    enum CodingKeys: String, CodingKey {
        case pearson, spearman, mae, rmse, icc
    }

    /// Encodes every key, writing `null` for an undefined metric.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pearson, forKey: .pearson)
        try c.encode(spearman, forKey: .spearman)
        try c.encode(mae, forKey: .mae)
        try c.encode(rmse, forKey: .rmse)
        try c.encode(icc, forKey: .icc)
    }
}
