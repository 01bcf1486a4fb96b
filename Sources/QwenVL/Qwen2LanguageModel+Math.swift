import Foundation
import Tensor

extension Qwen2LanguageModel {
    /// `y = x / sqrt(mean(x²) + ε) · w` for each row.
    static func rmsNorm(
        _ x: UnsafePointer<Float>, _ weight: [Float], epsilon: Float, rows: Int, into y: UnsafeMutablePointer<Float>
    ) {
        let width = weight.count
        Parallel.forRanges(rows, minimumChunk: 16) { range in
            for row in range {
                let input = x + row * width
                let output = y + row * width
                let meanSquare = VectorMath.dot(input, input, count: width) / Float(width)
                let inverse = 1 / (meanSquare + epsilon).squareRoot()
                for i in 0..<width { output[i] = input[i] * inverse * weight[i] }
            }
        }
    }

    /// `gate = silu(gate) · up`, element by element, split across cores (the SwiGLU of the MLP).
    static func swiGLU(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, count: Int) {
        Parallel.forRanges(count, minimumChunk: 1 << 14) { range in
            for i in range {
                let g = gate[i]
                gate[i] = g / (1 + expf(-g)) * up[i]
            }
        }
    }

    /// Multiplies `rows` input rows by each matrix: one batched quantized `gemv` pass for a single row (the input is
    /// quantized once for all matrices) or, at `.exact` precision, f32 dots with dequantized rows; `gemm`
    /// (dequantized panels + sgemm) for many rows.
    static func project(
        _ jobs: [(WeightMatrix, UnsafeMutablePointer<Float>)], input: UnsafePointer<Float>, rows: Int,
        precision: Precision
    ) {
        if rows > 1 {
            for (matrix, output) in jobs { matrix.gemm(input, count: rows, into: output) }
        } else if precision == .quantized {
            WeightMatrix.gemv(jobs, input: input)
        } else {
            for (matrix, output) in jobs { exactGEMV(matrix, input, into: output) }
        }
    }

    /// `y = W·x` with each weight row dequantized to f32 and no rounding of `x`, rows split across cores.
    static func exactGEMV(_ matrix: WeightMatrix, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let cols = matrix.cols
        Parallel.forRanges(matrix.rows, minimumChunk: 16) { range in
            let row = UnsafeMutablePointer<Float>.allocate(capacity: cols)
            defer { row.deallocate() }
            for r in range {
                matrix.dequantizeRow(r, into: row)
                y[r] = VectorMath.dot(row, x, count: cols)
            }
        }
    }

    /// Adds `bias` to every row of `x`.
    static func addBias(_ bias: [Float], to x: UnsafeMutablePointer<Float>, rows: Int) {
        let width = bias.count
        for row in 0..<rows {
            for i in 0..<width { x[row * width + i] += bias[i] }
        }
    }

    /// `x += y` over `count` values.
    static func add(_ y: UnsafePointer<Float>, to x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { x[i] += y[i] }
    }
}
