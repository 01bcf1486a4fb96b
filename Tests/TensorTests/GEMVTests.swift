import Testing

@testable import Tensor

@Suite struct GEMVTests {
    /// Exact f64 dot of dequantized rows with x, and the bound on the error that 8-bit activations can add:
    /// Σ|w_i|·(max|x| in i's block)/254 (half a quantization step), plus float rounding.
    static func reference(_ m: WeightMatrix, _ x: [Float]) -> (values: [Double], bounds: [Double]) {
        let w = m.dequantized()
        let block = m.type.blockElements == 1 ? 0 : m.type.blockElements
        var amax = [Float](repeating: 0, count: x.count)
        if block > 0 {
            for b in stride(from: 0, to: x.count, by: block) {
                let a = x[b..<b + block].map(abs).max()!
                for i in b..<b + block { amax[i] = a }
            }
        }
        var values: [Double] = []
        var bounds: [Double] = []
        for r in 0..<m.rows {
            var s = 0.0
            var quant = 0.0
            var magnitude = 0.0
            for c in 0..<m.cols {
                let wv = Double(w[r * m.cols + c])
                s += wv * Double(x[c])
                quant += abs(wv) * Double(amax[c]) / 254
                magnitude += abs(wv * Double(x[c]))
            }
            values.append(s)
            bounds.append(quant * 1.02 + magnitude * 2e-5 + 1e-6)
        }
        return (values, bounds)
    }

    @Test("every dot kernel (AVX2 and scalar) matches dequantize-then-dot within the 8-bit activation bound")
    func kernelsMatchReference() throws {
        for (i, type) in GGMLType.allCases.enumerated() {
            let m = try Fixture.randomMatrix(type, rows: 7, cols: 1024, seed: UInt64(100 + i))
            let x = Fixture.randomVector(1024, seed: UInt64(200 + i))
            let (expected, bounds) = GEMVTests.reference(m, x)
            let simd = Kernels.gemv(m, x, simd: true)
            let scalar = Kernels.gemv(m, x, simd: false)
            for r in 0..<m.rows {
                #expect(abs(Double(simd[r]) - expected[r]) <= bounds[r], "\(type) AVX2 row \(r)")
                #expect(abs(Double(scalar[r]) - expected[r]) <= bounds[r], "\(type) scalar row \(r)")
                // Same integer sums, different float summation order only.
                #expect(abs(simd[r] - scalar[r]) <= 1e-4 * max(1, abs(scalar[r])), "\(type) AVX2 vs scalar")
            }
        }
    }

    @Test("the threaded gemv splits rows correctly (odd row counts, mixed batches)")
    func threadedMatchesSingle() throws {
        let q4 = try Fixture.randomMatrix(.q4_K, rows: 301, cols: 512, seed: 7)
        let q6 = try Fixture.randomMatrix(.q6_K, rows: 77, cols: 512, seed: 8)
        let q8 = try Fixture.randomMatrix(.q8_0, rows: 129, cols: 512, seed: 9)
        let x = Fixture.randomVector(512, seed: 10)
        #expect(q4.gemv(x) == Kernels.gemv(q4, x, simd: Kernels.simdEnabled))
        var a = [Float](repeating: 0, count: 301)
        var b = [Float](repeating: 0, count: 77)
        var c = [Float](repeating: 0, count: 129)
        a.withUnsafeMutableBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    x.withUnsafeBufferPointer { px in
                        WeightMatrix.gemv(
                            [(q4, pa.baseAddress!), (q6, pb.baseAddress!), (q8, pc.baseAddress!)],
                            input: px.baseAddress!)
                    }
                }
            }
        }
        #expect(a == q4.gemv(x))
        #expect(b == q6.gemv(x))
        #expect(c == q8.gemv(x))
    }

    @Test("f32 dot and axpy helpers")
    func vectorMath() {
        let a = Fixture.randomVector(1001, seed: 1)
        let b = Fixture.randomVector(1001, seed: 2)
        let exact = zip(a, b).map { Double($0) * Double($1) }.reduce(0, +)
        #expect(abs(Double(VectorMath.dot(a, b)) - exact) < 1e-3)
        var y = b
        a.withUnsafeBufferPointer { pa in
            y.withUnsafeMutableBufferPointer { VectorMath.axpy(0.5, pa.baseAddress!, $0.baseAddress!, count: 1001) }
        }
        #expect(zip(y, zip(a, b)).allSatisfy { abs($0 - ($1.1 + 0.5 * $1.0)) < 1e-6 })
    }
}
