import GGUF
import Tensor

/// The weight traffic of the 2B model without the attention arithmetic: per token every layer's q/k/v, output,
/// gate/up and down projections plus the tied output projection (decode), or the layer matmuls for a prompt (prefill).
struct WeightPass {
    struct Layer {
        let q: WeightMatrix, k: WeightMatrix, v: WeightMatrix, o: WeightMatrix
        let gate: WeightMatrix, up: WeightMatrix, down: WeightMatrix
    }

    let layers: [Layer]
    let output: WeightMatrix
    let hidden: Int
    let ffn: Int

    init(file: GGUFFile, synthetic: SyntheticModel) throws {
        var layers: [Layer] = []
        for i in 0..<synthetic.layers {
            func m(_ name: String) throws -> WeightMatrix {
                try file.matrix("blk.\(i).\(name).weight").packedForDecode()
            }
            layers.append(
                Layer(
                    q: try m("attn_q"), k: try m("attn_k"), v: try m("attn_v"), o: try m("attn_output"),
                    gate: try m("ffn_gate"), up: try m("ffn_up"), down: try m("ffn_down")))
        }
        self.layers = layers
        self.output = try file.matrix("token_embd.weight").packedForDecode()
        self.hidden = synthetic.hidden
        self.ffn = synthetic.ffn
    }

    var bytesPerToken: Int {
        layers.reduce(output.byteCount) { sum, l in
            sum + [l.q, l.k, l.v, l.o, l.gate, l.up, l.down].reduce(0) { $0 + $1.byteCount }
        }
    }

    var layerParameters: Int {
        layers.reduce(0) { sum, l in
            sum + [l.q, l.k, l.v, l.o, l.gate, l.up, l.down].reduce(0) { $0 + $1.rows * $1.cols }
        }
    }

    /// Seconds per decode-equivalent pass (mean and median over `tokens` after one warm-up pass), and the median
    /// CPU-seconds per pass (all threads).
    func decode(tokens: Int) -> (mean: Double, median: Double, cpu: Double) {
        let x = UnsafeMutablePointer<Float>.allocate(capacity: ffn)
        let y = UnsafeMutablePointer<Float>.allocate(capacity: 4 * ffn + output.rows)
        defer {
            x.deallocate()
            y.deallocate()
        }
        for i in 0..<ffn { x[i] = Float(i % 17) * 0.01 - 0.08 }
        func pass() {
            for l in layers {
                WeightMatrix.gemv([(l.q, y), (l.k, y + hidden), (l.v, y + 2 * hidden)], input: x)
                l.o.gemv(x, into: y)
                WeightMatrix.gemv([(l.gate, y), (l.up, y + ffn)], input: x)
                l.down.gemv(x, into: y)
            }
            output.gemv(x, into: y)
        }
        pass()
        var times: [Double] = []
        var cpus: [Double] = []
        for _ in 0..<max(1, tokens) {
            let (t, cpu) = (Clock.now(), Clock.cpu())
            pass()
            times.append(Clock.since(t))
            cpus.append(Clock.cpu() - cpu)
        }
        return (times.reduce(0, +) / Double(times.count), Clock.median(times), Clock.median(cpus))
    }

    /// The median seconds of a decode-equivalent weight pass for `batch` input rows at once
    /// (`WeightMatrix.gemvBatch`: every weight row read once for all rows), after one warm-up pass.
    func decodeBatch(steps: Int, batch: Int) -> Double {
        let x = UnsafeMutablePointer<Float>.allocate(capacity: batch * ffn)
        let y = UnsafeMutablePointer<Float>.allocate(capacity: batch * (4 * ffn + output.rows))
        defer {
            x.deallocate()
            y.deallocate()
        }
        for i in 0..<(batch * ffn) { x[i] = Float(i % 17) * 0.01 - 0.08 }
        func pass() {
            for l in layers {
                WeightMatrix.gemvBatch(
                    [(l.q, y), (l.k, y + batch * hidden), (l.v, y + 2 * batch * hidden)], inputs: x, count: batch)
                WeightMatrix.gemvBatch([(l.o, y)], inputs: x, count: batch)
                WeightMatrix.gemvBatch([(l.gate, y), (l.up, y + batch * ffn)], inputs: x, count: batch)
                WeightMatrix.gemvBatch([(l.down, y)], inputs: x, count: batch)
            }
            WeightMatrix.gemvBatch([(output, y)], inputs: x, count: batch)
        }
        pass()
        var times: [Double] = []
        for _ in 0..<max(1, steps) {
            let t = Clock.now()
            pass()
            times.append(Clock.since(t))
        }
        return Clock.median(times)
    }

    /// Wall-clock and CPU seconds for the layer matmuls of a `tokens`-token prompt.
    func prefill(tokens: Int) -> (wall: Double, cpu: Double) {
        let x = [Float](repeating: 0.01, count: tokens * ffn)
        var y = [Float](repeating: 0, count: tokens * ffn)
        let (t, cpu) = (Clock.now(), Clock.cpu())
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                let xp = px.baseAddress!, yp = py.baseAddress!
                for l in layers {
                    for m in [l.q, l.k, l.v, l.o, l.gate, l.up, l.down] { m.gemm(xp, count: tokens, into: yp) }
                }
            }
        }
        return (Clock.since(t), Clock.cpu() - cpu)
    }
}
