import COpenBLAS
import Foundation
import Tensor

/// The machine's own limits, measured in the benchmark run.
enum Bounds {
    /// Bytes per second of `threads` threads each streaming over its share of a `bytes` buffer (best of 5).
    /// `perCPU` counts only the time the threads really ran: bytes ÷ (CPU-seconds ÷ threads), what idle cores
    /// would see (best of 5 each).
    static func readBandwidth(bytes: Int, threads: Int) -> (wall: Double, perCPU: Double) {
        let count = bytes / 4
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: count + 16)
        defer { buffer.deallocate() }
        let aligned = UnsafeMutablePointer<Float>(
            bitPattern: (Int(bitPattern: buffer) + 63) & ~63)!
        Parallel.forRanges(count, minimumChunk: 1 << 20, granule: 64) { range in
            (aligned + range.lowerBound).initialize(repeating: 1, count: range.count)
        }
        var best = (wall: 0.0, perCPU: 0.0)
        let sink = UnsafeMutablePointer<Float>.allocate(capacity: threads)
        defer { sink.deallocate() }
        for _ in 0..<5 {
            let (t, cpu) = (Clock.now(), Clock.cpu())
            Parallel.forRanges(count, minimumChunk: 1 << 20, granule: 64) { range in
                sink[range.lowerBound * threads / count] = VectorMath.streamingSum(
                    aligned + range.lowerBound, count: range.count)
            }
            best.wall = max(best.wall, Double(count * 4) / Clock.since(t))
            best.perCPU = max(best.perCPU, Double(count * 4) * Double(threads) / (Clock.cpu() - cpu))
        }
        return best
    }

    /// FLOP per wall-clock second and per CPU-second of one `n`³ `cblas_sgemm` with OpenBLAS's threads (best of 3).
    static func sgemmRate(n: Int) -> (wall: Double, perCPUSecond: Double) {
        Parallel.setBLASThreads(Parallel.threadCount)
        defer { Parallel.restoreBLASThreads() }
        let a = [Float](repeating: 0.5, count: n * n)
        let b = [Float](repeating: 0.25, count: n * n)
        var c = [Float](repeating: 0, count: n * n)
        var best = (wall: 0.0, perCPUSecond: 0.0)
        let size = Int32(n)
        let flops = 2 * Double(n * n * n)
        for _ in 0..<3 {
            let (t, cpu) = (Clock.now(), Clock.cpu())
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, size, size, size, 1, a, size, b, size, 0, &c, size)
            best.wall = max(best.wall, flops / Clock.since(t))
            best.perCPUSecond = max(best.perCPUSecond, flops / (Clock.cpu() - cpu))
        }
        return best
    }
}
