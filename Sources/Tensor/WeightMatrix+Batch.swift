import CKernels

extension WeightMatrix {
    /// Most input rows ``gemvBatch(_:inputs:count:)`` takes at once.
    public static let batchLimit = 16

    /// Several products of `count` independent input rows (the next token of `count` sequences) in one parallel
    /// pass: each input row is quantized once per activation format, and every weight row is read from memory once
    /// for all of them (`ek_gemm_rows`), so a decode step of `count` sequences costs about one weight pass instead of
    /// `count`. `inputs` is `count × cols` row-major; each output pointer gets `count × rows` row-major. Every output
    /// row equals what ``gemv(_:input:)`` gives for that input alone, bit for bit.
    public static func gemvBatch(
        _ jobs: [(WeightMatrix, UnsafeMutablePointer<Float>)], inputs x: UnsafePointer<Float>, count: Int
    ) {
        guard let first = jobs.first, count > 0 else { return }
        precondition(count <= batchLimit, "gemvBatch takes at most \(batchLimit) rows, not \(count)")
        if count == 1 {
            gemv(jobs, input: x)
            return
        }
        let cols = first.0.cols
        var activations: [Int32: (buffer: UnsafeMutableRawPointer, stride: Int)] = [:]
        defer { for entry in activations.values { entry.buffer.deallocate() } }
        var totalBytes = 0
        var starts: [Int] = []
        for (matrix, _) in jobs {
            precondition(matrix.cols == cols, "batched gemv: matrices take \(cols) and \(matrix.cols) inputs")
            let kind = ek_activation_kind(Int32(matrix.type.rawValue))
            if activations[kind] == nil {
                let stride = (ek_activation_bytes(kind, Int64(cols)) + 63) / 64 * 64
                let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(stride * count, 1), alignment: 64)
                for row in 0..<count {
                    ek_quantize_activation(kind, x + row * cols, buffer + row * stride, Int64(cols))
                }
                activations[kind] = (buffer, stride)
            }
            starts.append(totalBytes)
            totalBytes += matrix.byteCount
        }
        let plan = jobs.map { job in
            let entry = activations[ek_activation_kind(Int32(job.0.type.rawValue))]!
            return (job.0, UnsafeRawPointer(entry.buffer), entry.stride, job.1)
        }
        // As in `gemv`: the concatenated rows split by bytes, each thread walking its range matrix by matrix.
        Parallel.forRanges(
            totalBytes, minimumChunk: 1 << 16, chunksPerThread: WeightMatrix.gemvChunksPerThread
        ) { range in
            for (index, (matrix, act, stride, y)) in plan.enumerated() {
                matrix.products(
                    bytes: range, from: starts[index], activations: act, stride: stride, count: count, into: y)
            }
        }
    }

    /// `count` input rows times this matrix through ``gemvBatch(_:inputs:count:)`` (`count × rows` out).
    public func gemvBatch(_ x: [Float], count: Int) -> [Float] {
        precondition(x.count == count * cols, "gemvBatch input has \(x.count) values, expected \(count)×\(cols)")
        return [Float](unsafeUninitializedCapacity: count * rows) { buffer, filled in
            x.withUnsafeBufferPointer {
                WeightMatrix.gemvBatch([(self, buffer.baseAddress!)], inputs: $0.baseAddress!, count: count)
            }
            filled = count * rows
        }
    }
}

extension Kernels {
    /// The small-batch product on one thread with the implementation chosen explicitly (tests compare both).
    static func gemvBatch(_ matrix: WeightMatrix, _ x: [Float], count: Int, simd: Bool) -> [Float] {
        let kind = ek_activation_kind(Int32(matrix.type.rawValue))
        let stride = ek_activation_bytes(kind, Int64(matrix.cols))
        let act = UnsafeMutableRawPointer.allocate(byteCount: max(1, stride * count), alignment: 64)
        defer { act.deallocate() }
        x.withUnsafeBufferPointer { xb in
            for row in 0..<count {
                ek_quantize_activation(
                    kind, xb.baseAddress! + row * matrix.cols, act + row * stride, Int64(matrix.cols))
            }
        }
        var y = [Float](repeating: 0, count: count * matrix.rows)
        y.withUnsafeMutableBufferPointer { out in
            _ = ek_gemm_rows_with(
                simd ? 1 : 0, Int32(matrix.type.rawValue), Int64(matrix.cols), matrix.data, matrix.rowBytes,
                Int64(matrix.rows), act, stride, Int32(count), out.baseAddress!, Int64(matrix.rows))
        }
        return y
    }
}
