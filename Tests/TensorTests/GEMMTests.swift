import Testing

@testable import Tensor

@Suite struct GEMMTests {
    static func naive(_ m: WeightMatrix, _ x: [Float], count: Int) -> [Double] {
        let w = m.dequantized()
        var y = [Double](repeating: 0, count: count * m.rows)
        for i in 0..<count {
            for r in 0..<m.rows {
                var s = 0.0
                for c in 0..<m.cols { s += Double(x[i * m.cols + c]) * Double(w[r * m.cols + c]) }
                y[i * m.rows + r] = s
            }
        }
        return y
    }

    @Test("gemm (panel dequantization + sgemm) equals a naive loop over the dequantized weights")
    func matchesNaive() throws {
        for (i, type) in [GGMLType.q4_K, .q6_K, .q5_0, .f16, .f32].enumerated() {
            // Enough rows for several panels and a ragged last panel.
            let rows = type == .f32 ? 33 : 1100
            let m = try Fixture.randomMatrix(type, rows: rows, cols: 512, seed: UInt64(300 + i))
            let count = 9
            let x = Fixture.randomVector(count * 512, seed: UInt64(400 + i))
            let y = m.gemm(x, count: count)
            let expected = GEMMTests.naive(m, x, count: count)
            let scale = expected.map(abs).max()!
            let worst = zip(y, expected).map { abs(Double($0) - $1) }.max()!
            #expect(worst <= 1e-5 * scale, "\(type): max error \(worst) vs scale \(scale)")
        }
    }

    @Test("gemm with fewer rows than the panel threshold uses gemv and stays close")
    func fewRows() throws {
        let m = try Fixture.randomMatrix(.q4_K, rows: 40, cols: 512, seed: 5)
        let x = Fixture.randomVector(2 * 512, seed: 6)
        let y = m.gemm(x, count: 2)
        #expect(Array(y[40..<80]) == m.gemv(Array(x[512..<1024])))
        let expected = GEMMTests.naive(m, x, count: 2)
        let scale = expected.map(abs).max()!
        #expect(zip(y, expected).allSatisfy { abs(Double($0) - $1) <= 0.05 * scale })
    }

    @Test("panels cover every row and come in whole rounds per worker (or many small ones)")
    func panelPlan() {
        for (rows, cols) in [
            (1536, 1536), (256, 1536), (8960, 1536), (1536, 8960), (151_936, 1536), (40, 64), (17, 32),
        ] {
            for workers in [1, 2, 3, 16] {
                let (size, count) = WeightMatrix.panels(rows: rows, cols: cols, workers: workers)
                #expect(size * count >= rows && size * (count - 1) < rows, "\(rows)x\(cols)/\(workers)")
                if rows >= 16 * workers * 2 {
                    #expect(count % workers == 0 || count >= 8 * workers, "\(rows)x\(cols)/\(workers): \(count)")
                }
            }
        }
        #expect(WeightMatrix.panels(rows: 1536, cols: 1536, workers: 2) == (256, 6))
        #expect(WeightMatrix.panels(rows: 8960, cols: 1536, workers: 2) == (320, 28))
    }
}
