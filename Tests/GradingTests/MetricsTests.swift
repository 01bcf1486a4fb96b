import Foundation
import Testing

@testable import Grading

/// Hand-computed on x = [1, 2, 3, 4, 5], y = [2, 4, 5, 4, 5]:
/// means 3 and 4; Sxy = 6, Sxx = 10, Syy = 6.
@Suite struct MetricsTests {
    let x: [Double] = [1, 2, 3, 4, 5]
    let y: [Double] = [2, 4, 5, 4, 5]

    @Test("Pearson r = 6 / sqrt(10 · 6)")
    func pearson() throws {
        let r = try #require(Metrics.pearson(x, y))
        #expect(abs(r - 6 / 60.0.squareRoot()) < 1e-12)
        #expect(abs(try #require(Metrics.pearson(x, x.map { 3 * $0 + 1 })) - 1) < 1e-12)
        #expect(Metrics.pearson([1, 1, 1], [1, 2, 3]) == nil)
    }

    @Test("Spearman uses average ranks for ties: ranks of y are 1, 2.5, 4.5, 2.5, 4.5, so ρ = 7 / sqrt(90)")
    func spearman() throws {
        #expect(Metrics.ranks(y) == [1, 2.5, 4.5, 2.5, 4.5])
        let rho = try #require(Metrics.spearman(x, y))
        #expect(abs(rho - 7 / 90.0.squareRoot()) < 1e-12)
        #expect(try #require(Metrics.spearman(x, x.map { $0 * $0 * $0 })) == 1)
    }

    @Test("MAE = 5 / 5 = 1 and RMSE = sqrt(9 / 5)")
    func errors() throws {
        #expect(try #require(Metrics.mae(x, y)) == 1)
        #expect(abs(try #require(Metrics.rmse(x, y)) - 1.8.squareRoot()) < 1e-12)
        #expect(Metrics.mae([], []) == nil)
    }

    @Test("ICC(2,1): SSR 14, SSC 2.5, SSE 2 give (3.5 − 0.5) / (3.5 + 0.5 + 2·2/5) = 0.625")
    func icc() throws {
        let icc = try #require(Metrics.icc21(x, y))
        #expect(abs(icc - 0.625) < 1e-12)
        #expect(abs(try #require(Metrics.icc21(x, x)) - 1) < 1e-12)
    }

    @Test("ICC punishes a constant offset that Pearson ignores")
    func iccAbsoluteAgreement() throws {
        let shifted = x.map { $0 + 5 }
        #expect(abs(try #require(Metrics.pearson(x, shifted)) - 1) < 1e-12)
        // BMS = 5, JMS = 62.5, EMS = 0: ICC = 5 / (5 + 2 · 62.5 / 5) = 1/6.
        #expect(abs(try #require(Metrics.icc21(x, shifted)) - 1.0 / 6) < 1e-12)
    }

    @Test("a summary encodes every key, with null for an undefined metric")
    func summaryJSON() throws {
        let summary = MetricSummary(predicted: [3, 3, 3], actual: [1, 2, 3])
        #expect(summary.pearson == nil)
        #expect(summary.mae == 1)
        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        #expect(json.contains("\"pearson\":null"))
        #expect(json.contains("\"icc\""))
    }
}
