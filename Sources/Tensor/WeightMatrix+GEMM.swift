import CKernels
import COpenBLAS

extension WeightMatrix {
    /// Below this many input rows `gemm` runs one quantized `gemv` per row instead of dequantizing panels.
    public static let gemmMinimumRows = 4

    /// `Y = X·Wᵀ` for `count` input rows: `x` is `count × cols` row-major, `y` gets `count × rows` row-major.
    /// The weight rows are split across the cores; each worker dequantizes panels of its rows to f32 and multiplies
    /// them with a single-threaded `cblas_sgemm` (F32 weights go to `cblas_sgemm` directly), so dequantization and
    /// multiplication never wait on each other and no BLAS threads run inside ours. Exact f32 arithmetic on the
    /// dequantized weights (no activation quantization), except for fewer than `gemmMinimumRows` rows, which take
    /// the quantized `gemv` path.
    public func gemm(_ x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>) {
        guard count > 0 else { return }
        _ = Parallel.blasConfigured
        if count < WeightMatrix.gemmMinimumRows && type != .f32 {
            for i in 0..<count { gemv(x + i * cols, into: y + i * rows) }
            return
        }
        let m = Int32(count), k = Int32(cols), ldc = Int32(rows)
        let (type, data, rowBytes, cols, rows) = (type, data, rowBytes, cols, rows)
        if type == .f32 {
            // Enough work per worker to pay for the dispatch: at least 32 rows and ~4 MFLOP.
            let minimumRows = max(32, (1 << 22) / max(1, 2 * count * cols))
            Parallel.forRanges(rows, minimumChunk: minimumRows, granule: 16) { range in
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, m, Int32(range.count), k, 1, x, k,
                    (data + range.lowerBound * rowBytes).assumingMemoryBound(to: Float.self), k, 0,
                    y + range.lowerBound, ldc)
            }
            return
        }
        // One panel per work item, a whole number of panels per worker; workers take panels as they become free.
        let (panelRows, panels) = WeightMatrix.panels(rows: rows, cols: cols, workers: Parallel.threadCount)
        Parallel.forRanges(panels, chunksPerThread: panels) { range in
            ScratchPool.shared.with(count: panelRows * cols) { panel in
                for p in range {
                    let p0 = p * panelRows
                    let n = min(panelRows, rows - p0)
                    _ = ek_dequantize_row(Int32(type.rawValue), data + p0 * rowBytes, panel, Int64(n * cols))
                    cblas_sgemm(
                        CblasRowMajor, CblasNoTrans, CblasTrans, m, Int32(n), k, 1, x, k, panel, k, 0, y + p0, ldc)
                }
            }
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

    /// Weight rows per dequantized panel (per worker): about 2 MiB of f32 but at least 256 rows (OpenBLAS loses
    /// a third of its rate on narrow panels with long rows, e.g. 58 rows of 8960), a multiple of 16 rows.
    static func panelRows(rows: Int, cols: Int) -> Int {
        let target = max(256, (2 << 20) / (4 * cols) / 16 * 16)
        return min(rows, target)
    }

    /// Rows per panel and panel count: about `panelRows` each, the count rounded up to a multiple of `workers` so
    /// that an idle machine splits evenly (rows per panel a multiple of 16 where possible).
    static func panels(rows: Int, cols: Int, workers: Int) -> (rows: Int, count: Int) {
        let w = max(1, workers)
        let wanted = (rows + panelRows(rows: rows, cols: cols) - 1) / panelRows(rows: rows, cols: cols)
        let count = min(max(1, rows / 16), (wanted + w - 1) / w * w)
        let size = ((rows + count - 1) / count + 15) / 16 * 16
        return (size, (rows + size - 1) / size)
    }
}
