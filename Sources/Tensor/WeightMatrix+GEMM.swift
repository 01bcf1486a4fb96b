import CKernels
import COpenBLAS

extension WeightMatrix {
    /// Below this many input rows `gemm` runs one quantized `gemv` per row instead of dequantizing panels.
    public static let gemmMinimumRows = 4

    /// `Y = X·Wᵀ` for `count` input rows: `x` is `count × cols` row-major, `y` gets `count × rows` row-major.
    /// Panels of weight rows are dequantized to f32 (in parallel) and multiplied with `cblas_sgemm`; F32 weights
    /// go to `cblas_sgemm` directly. Exact f32 arithmetic on the dequantized weights (no activation quantization),
    /// except for fewer than `gemmMinimumRows` rows, which take the quantized `gemv` path.
    public func gemm(_ x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>) {
        guard count > 0 else { return }
        _ = Parallel.blasConfigured
        if count < WeightMatrix.gemmMinimumRows && type != .f32 {
            for i in 0..<count { gemv(x + i * cols, into: y + i * rows) }
            return
        }
        let m = Int32(count), k = Int32(cols), ldc = Int32(rows)
        if type == .f32 {
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, m, Int32(rows), k, 1, x, k,
                data.assumingMemoryBound(to: Float.self), k, 0, y, ldc)
            return
        }
        let panelRows = WeightMatrix.panelRows(rows: rows, cols: cols)
        let panel = UnsafeMutablePointer<Float>.allocate(capacity: panelRows * cols)
        defer { panel.deallocate() }
        var p0 = 0
        while p0 < rows {
            let n = min(panelRows, rows - p0)
            let base = data + p0 * rowBytes
            let (typeID, rowBytes, cols) = (Int32(type.rawValue), rowBytes, cols)
            Parallel.forRanges(n, minimumChunk: 8) { range in
                _ = ek_dequantize_row(
                    typeID, base + range.lowerBound * rowBytes, panel + range.lowerBound * cols,
                    Int64(range.count * cols))
            }
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, Int32(n), k, 1, x, k, panel, k, 0, y + p0, ldc)
            p0 += n
        }
    }

    /// `X·Wᵀ` as a new array (`count × rows`).
    public func gemm(_ x: [Float], count: Int) -> [Float] {
        precondition(x.count == count * cols, "gemm input has \(x.count) values, expected \(count)×\(cols)")
        return [Float](unsafeUninitializedCapacity: count * rows) { buffer, filled in
            x.withUnsafeBufferPointer { gemm($0.baseAddress!, count: count, into: buffer.baseAddress!) }
            filled = count * rows
        }
    }

    /// Weight rows per dequantized panel: about 2 MiB of f32, a multiple of 16 rows.
    static func panelRows(rows: Int, cols: Int) -> Int {
        let target = max(16, (2 << 20) / (4 * cols) / 16 * 16)
        return min(rows, target)
    }
}
