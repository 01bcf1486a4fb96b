/// Per-output-sample filter taps along one axis: box (area) weights when shrinking, linear when enlarging.
struct ResampleWeights {
    /// First source index for each output index.
    var first: [Int]
    /// Number of taps for each output index.
    var count: [Int]
    /// `stride` weights per output index (unused ones are zero); each row sums to 1.
    var weights: [Float]
    /// Slots per output index in `weights`.
    var stride: Int

    init(source: Int, destination: Int) {
        first = [Int](repeating: 0, count: destination)
        count = [Int](repeating: 0, count: destination)
        if destination < source {
            let scale = Double(source) / Double(destination)
            stride = Int(scale.rounded(.up)) + 1
            weights = [Float](repeating: 0, count: destination * stride)
            for i in 0..<destination {
                let low = Double(i) * scale
                let high = min(Double(source), Double(i + 1) * scale)
                let start = Int(low.rounded(.down))
                let end = min(source, Int(high.rounded(.up)))
                first[i] = start
                count[i] = end - start
                for j in start..<end {
                    let cover = min(high, Double(j + 1)) - max(low, Double(j))
                    weights[i * stride + j - start] = Float(cover / scale)
                }
            }
        } else {
            stride = 2
            weights = [Float](repeating: 0, count: destination * stride)
            let scale = Double(source) / Double(destination)
            for i in 0..<destination {
                let center = max(0, min(Double(source - 1), (Double(i) + 0.5) * scale - 0.5))
                let left = min(source - 1, Int(center.rounded(.down)))
                let fraction = center - Double(left)
                first[i] = left
                if left + 1 < source && fraction > 0 {
                    count[i] = 2
                    weights[i * stride] = Float(1 - fraction)
                    weights[i * stride + 1] = Float(fraction)
                } else {
                    count[i] = 1
                    weights[i * stride] = 1
                }
            }
        }
    }
}
