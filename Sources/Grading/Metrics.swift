/// Agreement between predicted and human scores: the reference study's metrics.
///
/// Each function takes two equally long lists (`predicted`, `actual`) and
/// returns nil when the metric is undefined (fewer than two pairs, or no
/// variation where the formula divides by it).
public enum Metrics {
    /// Pearson's r: the correlation of the two lists (linear agreement in order and spacing, ignoring offset and scale).
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count, "paired lists")
        let n = Double(x.count)
        guard x.count >= 2 else { return nil }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Spearman's ρ: Pearson's r of the ranks, tied values sharing their average rank.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count, "paired lists")
        return pearson(ranks(x), ranks(y))
    }

    /// Mean absolute error, in score points.
    public static func mae(_ predicted: [Double], _ actual: [Double]) -> Double? {
        precondition(predicted.count == actual.count, "paired lists")
        guard !predicted.isEmpty else { return nil }
        return zip(predicted, actual).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(predicted.count)
    }

    /// Root mean squared error, in score points (weighs large misses more than MAE).
    public static func rmse(_ predicted: [Double], _ actual: [Double]) -> Double? {
        precondition(predicted.count == actual.count, "paired lists")
        guard !predicted.isEmpty else { return nil }
        let s = zip(predicted, actual).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return (s / Double(predicted.count)).squareRoot()
    }

    /// ICC(2,1) of Shrout & Fleiss (1979): two-way random effects, absolute
    /// agreement, single rater, with the two lists as two raters of the same
    /// targets. Unlike Pearson's r it drops when one rater is systematically
    /// higher than the other.
    ///
    /// ICC = (BMS − EMS) / (BMS + (k−1)·EMS + k·(JMS − EMS)/n), k = 2 raters, n targets.
    public static func icc21(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count, "paired lists")
        let n = x.count, k = 2
        guard n >= 2 else { return nil }
        let rows = zip(x, y).map { [$0.0, $0.1] }
        let grand = (x.reduce(0, +) + y.reduce(0, +)) / Double(n * k)
        var ssRows = 0.0, ssCols = 0.0, ssTotal = 0.0
        for r in rows {
            let mean = (r[0] + r[1]) / 2
            ssRows += Double(k) * (mean - grand) * (mean - grand)
            for v in r { ssTotal += (v - grand) * (v - grand) }
        }
        for c in 0..<k {
            let mean = rows.reduce(0) { $0 + $1[c] } / Double(n)
            ssCols += Double(n) * (mean - grand) * (mean - grand)
        }
        let ssError = ssTotal - ssRows - ssCols
        let bms = ssRows / Double(n - 1)
        let jms = ssCols / Double(k - 1)
        let ems = ssError / Double((n - 1) * (k - 1))
        let denominator = bms + Double(k - 1) * ems + Double(k) * (jms - ems) / Double(n)
        guard denominator != 0 else { return nil }
        return (bms - ems) / denominator
    }

    /// Ranks starting at 1, ties given the average of the ranks they span.
    public static func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var ranks = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let average = Double(i + j) / 2 + 1
            for t in i...j { ranks[order[t]] = average }
            i = j + 1
        }
        return ranks
    }
}
