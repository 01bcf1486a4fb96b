import CKernels

extension GGMLType {
    /// Whether Easel can write this type (`Kernels.quantize`): F32, F16, Q8_0, Q5_0, Q4_K, Q5_K, Q6_K.
    public var isQuantizable: Bool {
        switch self {
        case .f32, .f16, .q8_0, .q5_0, .q4_K, .q5_K, .q6_K: return true
        case .q4_0, .q4_1, .q5_1, .bf16: return false
        }
    }
}

extension Kernels {
    /// Quantizes `count` floats (a whole number of `type` blocks) from `source` into `type` blocks at `destination`
    /// (`type.rowBytes(elements: count)` bytes), with llama.cpp's reference scale searches (no importance matrix).
    /// The type must be `isQuantizable`.
    public static func quantize(
        _ type: GGMLType, _ source: UnsafePointer<Float>, into destination: UnsafeMutableRawPointer, count: Int
    ) {
        precondition(type.isQuantizable, "quantize: Easel cannot write \(type)")
        precondition(count % type.blockElements == 0, "quantize: \(count) values is not whole \(type) blocks")
        _ = ek_quantize_row(Int32(type.rawValue), source, destination, Int64(count))
    }

    /// Quantizes floats to the block bytes of `type`; the count must be a whole number of blocks.
    public static func quantize(_ type: GGMLType, floats: [Float]) throws(TensorError) -> [UInt8] {
        guard type.isQuantizable else { throw .notQuantizable(type: type) }
        guard let bytes = type.rowBytes(elements: floats.count) else {
            throw .rowNotWholeBlocks(type: type, columns: floats.count)
        }
        var out = [UInt8](repeating: 0, count: bytes)
        floats.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBytes { dst in
                if !floats.isEmpty { quantize(type, src.baseAddress!, into: dst.baseAddress!, count: floats.count) }
            }
        }
        return out
    }

    /// IEEE half precision of `value`, rounded to nearest even (the rounding ggml's f16 conversion uses).
    public static func halfBits(_ value: Float) -> UInt16 { ek_float_to_half(value) }
}
