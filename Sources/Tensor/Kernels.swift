import CKernels
import Foundation

/// The quantized block kernels: dequantization, activation quantization and their CPU selection.
public enum Kernels {
    /// Whether this CPU has AVX2, FMA and F16C.
    public static var cpuHasAVX2: Bool { ek_cpu_has_avx2() != 0 }

    /// Whether this CPU has AVX-512 VNNI, so Q4_K and Q6_K matrices can be repacked for decode
    /// (`WeightMatrix.packedForDecode`).
    public static var packedKernelsAvailable: Bool { ek_packed_available() != 0 }

    /// Whether models repack their matrices for decode: `EASEL_PACKED=1` in the environment (off by default until
    /// the packed kernels have run a whole class in release builds; see docs/grading-pipeline.md).
    public static let packingWanted: Bool = ProcessInfo.processInfo.environment["EASEL_PACKED"] == "1"

    /// Whether the vectorised kernels are in use. Setting false forces the portable scalar kernels (tests use this
    /// to check both); setting true has effect only on CPUs with AVX2.
    public static var simdEnabled: Bool {
        get { ek_simd_enabled() != 0 }
        set { ek_set_simd_enabled(newValue ? 1 : 0) }
    }

    /// Dequantizes `count` values (a whole number of blocks) stored as `type` at `source` into `destination`.
    public static func dequantize(
        _ type: GGMLType, _ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Float>, count: Int
    ) {
        precondition(count % type.blockElements == 0, "dequantize: \(count) values is not whole \(type) blocks")
        _ = ek_dequantize_row(Int32(type.rawValue), source, destination, Int64(count))
    }

    /// Dequantizes raw block bytes of `type` into floats; the byte count must be a whole number of blocks.
    public static func dequantize(_ type: GGMLType, bytes: [UInt8]) throws(TensorError) -> [Float] {
        guard bytes.count % type.blockBytes == 0 else {
            throw .sizeMismatch(expected: (bytes.count / type.blockBytes + 1) * type.blockBytes, actual: bytes.count)
        }
        let count = bytes.count / type.blockBytes * type.blockElements
        var out = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { src in
            out.withUnsafeMutableBufferPointer { dst in
                if count > 0 { dequantize(type, src.baseAddress!, into: dst.baseAddress!, count: count) }
            }
        }
        return out
    }
}

extension Kernels {
    /// Dequantizes with an explicitly chosen implementation (tests compare both).
    static func dequantize(
        _ type: GGMLType, _ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Float>, count: Int,
        simd: Bool
    ) {
        _ = ek_dequantize_row_with(simd ? 1 : 0, Int32(type.rawValue), source, destination, Int64(count))
    }

    /// `W·x` on one thread with an explicitly chosen implementation (tests compare both).
    static func gemv(_ matrix: WeightMatrix, _ x: [Float], simd: Bool) -> [Float] {
        let kind = ek_activation_kind(Int32(matrix.type.rawValue))
        let act = UnsafeMutableRawPointer.allocate(
            byteCount: max(1, ek_activation_bytes(kind, Int64(matrix.cols))), alignment: 64)
        defer { act.deallocate() }
        x.withUnsafeBufferPointer { ek_quantize_activation(kind, $0.baseAddress!, act, Int64(matrix.cols)) }
        var y = [Float](repeating: 0, count: matrix.rows)
        y.withUnsafeMutableBufferPointer { out in
            _ = ek_gemv_rows_with(
                simd ? 1 : 0, Int32(matrix.type.rawValue), Int64(matrix.cols), matrix.data, matrix.rowBytes,
                Int64(matrix.rows), act, out.baseAddress!)
        }
        return y
    }
}
