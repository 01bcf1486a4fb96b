import Testing

@testable import Tensor

@Suite struct GEMVBatchTests {
    @Test("the small-batch kernel gives every row exactly what gemv gives it alone, for 1–16 rows, AVX2 and scalar")
    func equalsGEMVPerRow() throws {
        for (i, type) in GGMLType.allCases.enumerated() {
            let m = try Fixture.randomMatrix(type, rows: 5, cols: 512, seed: UInt64(300 + i))
            for count in [1, 2, 3, 4, 5, 8, 16] {
                let x = Fixture.randomVector(count * 512, seed: UInt64(400 + i * 17 + count))
                for simd in [true, false] {
                    let batched = Kernels.gemvBatch(m, x, count: count, simd: simd)
                    for k in 0..<count {
                        let alone = Kernels.gemv(m, Array(x[k * 512..<(k + 1) * 512]), simd: simd)
                        #expect(
                            Array(batched[k * 5..<(k + 1) * 5]) == alone, "\(type) simd \(simd) rows \(count) k \(k)")
                    }
                }
            }
        }
    }

    @Test("the threaded batch product splits rows and matrices correctly (odd sizes, mixed types)")
    func threaded() throws {
        let q4 = try Fixture.randomMatrix(.q4_K, rows: 301, cols: 512, seed: 17)
        let q6 = try Fixture.randomMatrix(.q6_K, rows: 77, cols: 512, seed: 18)
        let q8 = try Fixture.randomMatrix(.q8_0, rows: 129, cols: 512, seed: 19)
        let count = 6
        let x = Fixture.randomVector(count * 512, seed: 20)
        var a = [Float](repeating: 0, count: count * 301)
        var b = [Float](repeating: 0, count: count * 77)
        var c = [Float](repeating: 0, count: count * 129)
        x.withUnsafeBufferPointer { xb in
            a.withUnsafeMutableBufferPointer { ab in
                b.withUnsafeMutableBufferPointer { bb in
                    c.withUnsafeMutableBufferPointer { cb in
                        WeightMatrix.gemvBatch(
                            [(q4, ab.baseAddress!), (q6, bb.baseAddress!), (q8, cb.baseAddress!)],
                            inputs: xb.baseAddress!, count: count)
                    }
                }
            }
        }
        for k in 0..<count {
            let row = Array(x[k * 512..<(k + 1) * 512])
            #expect(Array(a[k * 301..<(k + 1) * 301]) == q4.gemv(row))
            #expect(Array(b[k * 77..<(k + 1) * 77]) == q6.gemv(row))
            #expect(Array(c[k * 129..<(k + 1) * 129]) == q8.gemv(row))
        }
        #expect(q4.gemvBatch(x, count: count) == a)
    }
}

@Suite struct PackedRowsTests {
    @Test(
        "Q4_K/Q6_K rows repacked for VNNI: each row equals the row-major kernel's to float rounding, the same at B=1…16",
        arguments: [GGMLType.q4_K, .q6_K])
    func packed(_ type: GGMLType) throws {
        let rows = 301
        let m = try Fixture.randomMatrix(type, rows: rows, cols: 512, seed: 41)
        let p = m.repacked()
        #expect((p.packed != nil) == Kernels.packedKernelsAvailable)
        for count in [1, 2, 3, 4, 5, 8, 16] {
            let x = Fixture.randomVector(count * 512, seed: UInt64(500 + count))
            let batched = p.gemvBatch(x, count: count)
            for k in 0..<count {
                let input = Array(x[k * 512..<(k + 1) * 512])
                let alone = p.gemv(input)
                #expect(Array(batched[k * rows..<(k + 1) * rows]) == alone, "\(type) rows \(count) k \(k)")
                let reference = m.gemv(input)
                // Float rounding of other summation orders scales with the outputs' magnitude, not each output's.
                let scale = max(1, reference.map(abs).max() ?? 1)
                let worst = (zip(alone, reference).map { abs($0 - $1) }.max() ?? 0) / scale
                #expect(worst < 1e-5, "\(type) rows \(count) k \(k): \(worst)")
            }
        }
    }

}
