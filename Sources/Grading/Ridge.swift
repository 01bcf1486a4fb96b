import COpenBLAS

/// Ridge regression through OpenBLAS: y ≈ b₀ + Xβ, minimising
/// ‖y − b₀ − Xβ‖² + λ‖β‖² (the intercept is not penalised).
///
/// The columns and y are centred, the normal equations (XᵀX + λI)β = Xᵀy are
/// formed with `cblas_dsyrk` and `cblas_dgemv`, and solved by a Cholesky
/// factorisation (the system is symmetric positive definite for λ > 0).
public enum Ridge {
    /// A fitted model.
    public struct Fit: Sendable, Hashable {
        /// The intercept b₀.
        public var intercept: Double
        /// One coefficient per column.
        public var weights: [Double]

        /// The prediction for one row of features.
        public func predict(_ row: [Double]) -> Double {
            zip(weights, row).reduce(intercept) { $0 + $1.0 * $1.1 }
        }
    }

    /// Fits a ridge regression.
    /// - Parameters:
    ///   - x: n rows of p features each.
    ///   - y: n targets.
    ///   - lambda: the penalty, ≥ 0.
    /// - Throws: ``GradingError/singular(_:)`` when the system cannot be solved.
    public static func fit(x: [[Double]], y: [Double], lambda: Double) throws -> Fit {
        let n = x.count
        precondition(n == y.count && n > 0, "one target per row")
        let p = x[0].count
        let yMean = y.reduce(0, +) / Double(n)
        guard p > 0 else { return Fit(intercept: yMean, weights: []) }
        var means = [Double](repeating: 0, count: p)
        for row in x { for j in 0..<p { means[j] += row[j] } }
        for j in 0..<p { means[j] /= Double(n) }
        var a = [Double](repeating: 0, count: n * p)  // centred X, row-major n × p
        for i in 0..<n { for j in 0..<p { a[i * p + j] = x[i][j] - means[j] } }
        let yc = y.map { $0 - yMean }
        var gram = [Double](repeating: 0, count: p * p)
        var rhs = [Double](repeating: 0, count: p)
        cblas_dsyrk(
            CblasRowMajor, CblasUpper, CblasTrans, Int32(p), Int32(n), 1, a, Int32(p), 0, &gram, Int32(p))
        cblas_dgemv(CblasRowMajor, CblasTrans, Int32(n), Int32(p), 1, a, Int32(p), yc, 1, 0, &rhs, 1)
        var trace = 0.0
        for j in 0..<p {
            for i in 0..<j { gram[j * p + i] = gram[i * p + j] }  // mirror the upper triangle
            trace += gram[j * p + j]
        }
        let jitter = 1e-10 * max(trace, 1)
        for j in 0..<p { gram[j * p + j] += lambda + jitter }
        let beta = try choleskySolve(gram, rhs, size: p)
        let intercept = yMean - zip(beta, means).reduce(0) { $0 + $1.0 * $1.1 }
        return Fit(intercept: intercept, weights: beta)
    }

    /// Solves A·x = b for a symmetric positive definite A (row-major, size × size).
    static func choleskySolve(_ a: [Double], _ b: [Double], size p: Int) throws -> [Double] {
        var l = [Double](repeating: 0, count: p * p)  // lower triangle, A = L·Lᵀ
        for j in 0..<p {
            var d = a[j * p + j]
            for k in 0..<j { d -= l[j * p + k] * l[j * p + k] }
            guard d > 0, d.isFinite else { throw GradingError.singular("the calibration") }
            let ljj = d.squareRoot()
            l[j * p + j] = ljj
            for i in (j + 1)..<max(j + 1, p) {
                var s = a[i * p + j]
                for k in 0..<j { s -= l[i * p + k] * l[j * p + k] }
                l[i * p + j] = s / ljj
            }
        }
        var z = [Double](repeating: 0, count: p)  // L·z = b
        for i in 0..<p {
            var s = b[i]
            for k in 0..<i { s -= l[i * p + k] * z[k] }
            z[i] = s / l[i * p + i]
        }
        var x = [Double](repeating: 0, count: p)  // Lᵀ·x = z
        for i in stride(from: p - 1, through: 0, by: -1) {
            var s = z[i]
            for k in (i + 1)..<max(i + 1, p) { s -= l[k * p + i] * x[k] }
            x[i] = s / l[i * p + i]
        }
        return x
    }
}
