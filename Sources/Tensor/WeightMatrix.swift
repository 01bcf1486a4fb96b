import CKernels

/// A weight matrix as stored in a model file: `rows` output rows of `cols` input values each, in ggml type `type`,
/// row-major (a GGUF tensor with `ne = [cols, rows]`). It points into memory it does not copy (usually the model's
/// memory map); `owner` keeps that memory alive. `y = W·x` is `gemv`, `Y = X·Wᵀ` for many rows is `gemm`.
public struct WeightMatrix: @unchecked Sendable {
    /// Element type of the stored rows.
    public let type: GGMLType
    /// Output dimension (number of stored rows).
    public let rows: Int
    /// Input dimension (values per row).
    public let cols: Int
    /// Bytes per stored row.
    public let rowBytes: Int
    /// The first byte of row 0.
    public let data: UnsafeRawPointer
    /// Whatever owns the memory at `data` (kept alive as long as this matrix).
    public let owner: AnyObject?
    /// The rows repacked for the decode kernels (``packedForDecode()``), or nil.
    public private(set) var packed: PackedRows?

    /// Wraps `rows × rowBytes` bytes at `data`. Throws when the shape is empty or `cols` is not whole blocks.
    public init(type: GGMLType, rows: Int, cols: Int, data: UnsafeRawPointer, owner: AnyObject?) throws(TensorError) {
        guard rows > 0, cols > 0 else { throw .badShape(rows: rows, columns: cols) }
        guard let rowBytes = type.rowBytes(elements: cols) else {
            throw .rowNotWholeBlocks(type: type, columns: cols)
        }
        guard !rowBytes.multipliedReportingOverflow(by: rows).overflow else {
            throw .badShape(rows: rows, columns: cols)
        }
        self.type = type
        self.rows = rows
        self.cols = cols
        self.rowBytes = rowBytes
        self.data = data
        self.owner = owner
    }

    /// Copies `bytes` (exactly `rows` rows of `type`) into memory owned by the matrix.
    public init(type: GGMLType, rows: Int, cols: Int, bytes: [UInt8]) throws(TensorError) {
        guard rows > 0, cols > 0 else { throw .badShape(rows: rows, columns: cols) }
        guard let rowBytes = type.rowBytes(elements: cols) else {
            throw .rowNotWholeBlocks(type: type, columns: cols)
        }
        let (total, overflow) = rowBytes.multipliedReportingOverflow(by: rows)
        guard !overflow else { throw .badShape(rows: rows, columns: cols) }
        guard total == bytes.count else { throw .sizeMismatch(expected: total, actual: bytes.count) }
        let storage = OwnedBytes(bytes)
        try self.init(type: type, rows: rows, cols: cols, data: UnsafeRawPointer(storage.pointer), owner: storage)
    }

    /// Total bytes of the stored matrix.
    public var byteCount: Int { rows * rowBytes }

    /// This matrix with a copy of its rows repacked eight at a time for the decode products (`gemv`, `gemvBatch`)
    /// when this CPU has AVX-512 VNNI and the type is Q4_K or Q6_K; otherwise the matrix unchanged. The stored rows stay in
    /// use for `gemm` and dequantization. The copy costs as much memory as the rows (a Q4_K_M 2B file: ~1 GB).
    /// Only with `EASEL_PACKED=1` for now (``Kernels/packingWanted``).
    public func packedForDecode() -> WeightMatrix { Kernels.packingWanted ? repacked() : self }

    /// This matrix with its rows repacked whenever the CPU and the type allow (tests; ``packedForDecode()``).
    func repacked() -> WeightMatrix {
        guard packed == nil, ek_packed_available() != 0 else { return self }
        let bytes = ek_packed_bytes(Int32(type.rawValue), Int64(cols), Int64(rows))
        guard bytes > 0 else { return self }
        let storage = PackedRows(byteCount: bytes)
        let groupBytes = ek_packed_bytes(Int32(type.rawValue), Int64(cols), 8)
        let groups = (rows + 7) / 8
        let (type, cols, rows, rowBytes, data) = (type, cols, rows, rowBytes, data)
        Parallel.forRanges(groups, minimumChunk: 16) { range in
            let first = range.lowerBound * 8
            _ = ek_pack_rows(
                Int32(type.rawValue), Int64(cols), data + first * rowBytes, rowBytes,
                Int64(min(rows, range.upperBound * 8) - first), storage.pointer + range.lowerBound * groupBytes)
        }
        var copy = self
        copy.packed = storage
        return copy
    }

    /// The repacked rows when the packed kernels are in use now (the CPU has them and SIMD is on).
    var activePacking: UnsafeRawPointer? {
        guard let packed, ek_packed_enabled() != 0 else { return nil }
        return UnsafeRawPointer(packed.pointer)
    }

    /// Output rows `lo..<hi` of a byte range of the row data for the decode products: a row belongs to the range
    /// holding its first byte, or with packed rows a group of eight rows to the range holding the group's first byte.
    func rowRange(bytes lo: Int, _ hi: Int) -> Range<Int> {
        let unit = packed != nil && ek_packed_enabled() != 0 ? 8 * rowBytes : rowBytes
        let rowsPerUnit = unit / rowBytes
        let r0 = min(rows, (lo + unit - 1) / unit * rowsPerUnit)
        let r1 = min(rows, (hi + unit - 1) / unit * rowsPerUnit)
        return r0..<max(r0, r1)
    }

    /// The decode products' step for one thread: the output rows whose bytes (or, packed, whose group's first
    /// bytes) fall in `range` of the concatenated row data, where this matrix's rows start at byte `start`, against
    /// `count` quantized activations `stride` bytes apart; `y` holds `count × rows` floats, row-major. The repacked
    /// kernel when the rows are packed, else the row-major one (`ek_gemv_rows` for one activation, `ek_gemm_rows`
    /// for several).
    func products(
        bytes range: Range<Int>, from start: Int, activations act: UnsafeRawPointer, stride: Int, count: Int,
        into y: UnsafeMutablePointer<Float>
    ) {
        let lo = max(range.lowerBound, start) - start
        let hi = min(range.upperBound, start + byteCount) - start
        guard lo < hi else { return }
        let outputs = rowRange(bytes: lo, hi)
        guard !outputs.isEmpty else { return }
        let type = Int32(self.type.rawValue)
        if let packed = activePacking {
            _ = ek_gemm_packed(
                type, Int64(cols), packed, Int64(outputs.lowerBound), Int64(outputs.upperBound), Int64(rows), act,
                stride, Int32(count), y, Int64(rows))
        } else if count == 1 {
            _ = ek_gemv_rows(
                type, Int64(cols), data + outputs.lowerBound * rowBytes, rowBytes, Int64(outputs.count), act,
                y + outputs.lowerBound)
        } else {
            _ = ek_gemm_rows(
                type, Int64(cols), data + outputs.lowerBound * rowBytes, rowBytes, Int64(outputs.count), act, stride,
                Int32(count), y + outputs.lowerBound, Int64(rows))
        }
    }

    /// Dequantizes row `row` into `destination` (`cols` floats), e.g. an embedding lookup.
    public func dequantizeRow(_ row: Int, into destination: UnsafeMutablePointer<Float>) {
        precondition(row >= 0 && row < rows, "row \(row) out of 0..<\(rows)")
        Kernels.dequantize(type, data + row * rowBytes, into: destination, count: cols)
    }

    /// Row `row` as floats.
    public func dequantizeRow(_ row: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: cols) { buffer, count in
            dequantizeRow(row, into: buffer.baseAddress!)
            count = cols
        }
    }

    /// The whole matrix as row-major floats (`rows × cols`); for tests and small tensors.
    public func dequantized() -> [Float] {
        [Float](unsafeUninitializedCapacity: rows * cols) { buffer, count in
            Kernels.dequantize(type, data, into: buffer.baseAddress!, count: rows * cols)
            count = rows * cols
        }
    }

    /// `y = W·x`: `x` has `cols` floats, `y` gets `rows` floats. The activation is quantized to 8 bits per the
    /// type's dot kernel (Q8_0-style blocks of 32 or Q8_K blocks of 256; f32 for F32/F16/BF16), and the output rows
    /// are split across cores.
    public func gemv(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        WeightMatrix.gemv([(self, y)], input: x)
    }

    /// `W·x` as a new array.
    public func gemv(_ x: [Float]) -> [Float] {
        precondition(x.count == cols, "gemv input has \(x.count) values, the matrix takes \(cols)")
        return [Float](unsafeUninitializedCapacity: rows) { buffer, count in
            x.withUnsafeBufferPointer { gemv($0.baseAddress!, into: buffer.baseAddress!) }
            count = rows
        }
    }

    /// Row ranges per worker thread in `gemv` (taken dynamically; see `Parallel.forRanges`).
    static let gemvChunksPerThread = 4

    /// Several products with one shared input in one parallel pass (e.g. q, k, v or gate, up): the input is quantized
    /// once per activation format and all output rows are split across cores by bytes. Every matrix must take
    /// `x`'s length as `cols`; each output pointer gets that matrix's `rows` floats.
    public static func gemv(_ jobs: [(WeightMatrix, UnsafeMutablePointer<Float>)], input x: UnsafePointer<Float>) {
        guard let first = jobs.first else { return }
        let cols = first.0.cols
        var activations: [Int32: UnsafeMutableRawPointer] = [:]
        defer { for buffer in activations.values { buffer.deallocate() } }
        var totalBytes = 0
        var starts: [Int] = []
        for (matrix, _) in jobs {
            precondition(matrix.cols == cols, "batched gemv: matrices take \(cols) and \(matrix.cols) inputs")
            let kind = ek_activation_kind(Int32(matrix.type.rawValue))
            if activations[kind] == nil {
                let bytes = ek_activation_bytes(kind, Int64(cols))
                let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 64)
                ek_quantize_activation(kind, x, buffer, Int64(cols))
                activations[kind] = buffer
            }
            starts.append(totalBytes)
            totalBytes += matrix.byteCount
        }
        let plan = jobs.map { job in
            (job.0, UnsafeRawPointer(activations[ek_activation_kind(Int32(job.0.type.rawValue))]!), job.1)
        }
        let bytes = totalBytes
        // Split the concatenated rows by bytes; each thread walks its byte range matrix by matrix.
        Parallel.forRanges(bytes, minimumChunk: 1 << 16, chunksPerThread: WeightMatrix.gemvChunksPerThread) { range in
            for (index, (matrix, act, y)) in plan.enumerated() {
                matrix.products(bytes: range, from: starts[index], activations: act, stride: 0, count: 1, into: y)
            }
        }
    }
}

/// A matrix's rows repacked for the decode kernels (64-byte aligned heap memory).
public final class PackedRows: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    /// Bytes of the repacked rows.
    public let byteCount: Int

    init(byteCount: Int) {
        self.byteCount = byteCount
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 64)
    }

    deinit { pointer.deallocate() }
}

/// Heap bytes owned by a matrix built from an array.
final class OwnedBytes {
    let pointer: UnsafeMutableRawPointer

    init(_ bytes: [UInt8]) {
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 64)
        bytes.withUnsafeBytes {
            if let base = $0.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) }
        }
    }

    deinit { pointer.deallocate() }
}
