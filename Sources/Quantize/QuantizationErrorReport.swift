import GGUF
import Tensor

/// How far a quantized file's tensors are from the original's: per tensor, the RMS of (dequantized − original).
public struct QuantizationErrorReport: Sendable {
    /// One tensor's error.
    public struct Row: Sendable {
        /// The tensor's name.
        public let name: String
        /// Its type in the quantized file.
        public let type: GGMLType
        /// RMS of the original values.
        public let rms: Double
        /// RMS of the difference.
        public let rmsError: Double
    }

    /// Every tensor of the original that the quantized file converted, in file order.
    public let rows: [Row]

    /// Compares `quantized` with `original` tensor by tensor (rows dequantized in parallel); tensors copied
    /// unchanged are left out. Throws when a tensor is missing or has another shape.
    public init(original: GGUFFile, quantized: GGUFFile) throws(GGUFError) {
        var rows: [Row] = []
        for t in original.tensors {
            let q = try quantized.requireTensor(t.name)
            guard q.dims == t.dims else {
                throw .wrongTensorShape(file: quantized.path, tensor: t.name, expected: "\(t.dims)", found: q.dims)
            }
            guard q.type != t.type else { continue }
            let (rms, error) = Self.compare(
                original.bytes(of: t), t.type, quantized.bytes(of: q), q.type, cols: t.cols, rows: t.rows)
            rows.append(Row(name: t.name, type: q.type, rms: rms, rmsError: error))
        }
        self.rows = rows
    }

    /// (RMS of a, RMS of b − a) over `rows` rows of `cols` values stored as `typeA` and `typeB`.
    static func compare(
        _ a: UnsafeRawBufferPointer, _ typeA: GGMLType, _ b: UnsafeRawBufferPointer, _ typeB: GGMLType, cols: Int,
        rows: Int
    ) -> (Double, Double) {
        let rowA = typeA.rowBytes(elements: cols)!
        let rowB = typeB.rowBytes(elements: cols)!
        let chunks = Parallel.threadCount * 4
        var sums = [(Double, Double)](repeating: (0, 0), count: chunks)
        sums.withUnsafeMutableBufferPointer { sums in
            let out = sums
            Parallel.forRanges(chunks) { range in
                let x = UnsafeMutablePointer<Float>.allocate(capacity: cols)
                let y = UnsafeMutablePointer<Float>.allocate(capacity: cols)
                defer {
                    x.deallocate()
                    y.deallocate()
                }
                for c in range {
                    var s2 = 0.0
                    var e2 = 0.0
                    for r in rows * c / chunks..<rows * (c + 1) / chunks {
                        Kernels.dequantize(typeA, a.baseAddress! + r * rowA, into: x, count: cols)
                        Kernels.dequantize(typeB, b.baseAddress! + r * rowB, into: y, count: cols)
                        var rs = Float(0)
                        var re = Float(0)
                        for i in 0..<cols {
                            rs += x[i] * x[i]
                            re += (y[i] - x[i]) * (y[i] - x[i])
                        }
                        s2 += Double(rs)
                        e2 += Double(re)
                    }
                    out[c] = (s2, e2)
                }
            }
        }
        let n = Double(max(1, rows * cols))
        let s = sums.reduce(0) { $0 + $1.0 }
        let e = sums.reduce(0) { $0 + $1.1 }
        return ((s / n).squareRoot(), (e / n).squareRoot())
    }
}
