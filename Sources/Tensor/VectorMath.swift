import CKernels

/// Vectorised f32 helpers for the model code.
public enum VectorMath {
    /// Σ a[i]·b[i] over `count` values.
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        ek_dot_f32(a, b, Int64(count))
    }

    /// Σ a[i]·b[i] over two arrays of the same length.
    public static func dot(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "dot of arrays of different lengths")
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in ek_dot_f32(pa.baseAddress!, pb.baseAddress!, Int64(a.count)) }
        }
    }

    /// y[i] += alpha·x[i] over `count` values.
    public static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        ek_axpy_f32(alpha, x, y, Int64(count))
    }

    /// Sums `count` floats in one streaming pass (the bandwidth benchmark's read kernel).
    public static func streamingSum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        ek_stream_sum_f32(x, Int64(count))
    }
}
