import CKernels
import COpenBLAS
import Foundation

/// How the engine spreads work over the CPU cores: our own kernels split rows over a small persistent thread pool
/// (CKernels' `ek_parallel_run`: workers spin briefly between jobs, then sleep), and each worker calls OpenBLAS
/// single-threaded (two thread pools that alternate would spin against each other on few cores).
/// `DispatchQueue.concurrentPerform` was measured to run both halves of a 200 µs job on the calling thread in 195
/// of 200 calls on a busy 2-core machine: a sleeping dispatch worker is not scheduled in time.
public enum Parallel {
    /// Worker count: `EASEL_THREADS` when set to a positive number, else the number of active cores.
    public static let threadCount: Int = {
        if let text = ProcessInfo.processInfo.environment["EASEL_THREADS"], let n = Int(text), n > 0 {
            return min(n, 256)
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Sets OpenBLAS to one thread per call (once); `gemm` parallelises over weight rows itself.
    static let blasConfigured: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    /// Sets the number of threads OpenBLAS uses inside one call (e.g. all cores to measure its peak); `gemm`
    /// needs 1, which `Parallel.restoreBLASThreads()` sets back.
    public static func setBLASThreads(_ n: Int) {
        _ = blasConfigured
        openblas_set_num_threads(Int32(max(1, n)))
    }

    /// Back to one OpenBLAS thread per call, as `gemm` expects.
    public static func restoreBLASThreads() { setBLASThreads(1) }

    /// Runs `body` over `0..<count` split into at most `threadCount × chunksPerThread` contiguous ranges of at
    /// least `minimumChunk` items each (ranges start at multiples of `granule`), on the engine's thread pool (the
    /// caller and `threadCount - 1` persistent workers that take ranges as they become free). Runs inline when one
    /// range is enough, and when called from inside another `forRanges` body.
    public static func forRanges(
        _ count: Int, minimumChunk: Int = 1, granule: Int = 1, chunksPerThread: Int = 1,
        _ body: (Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        _ = blasConfigured  // OpenBLAS single-threaded before any BLAS call can run inside a worker
        let most = threadCount == 1 ? 1 : threadCount * max(1, chunksPerThread)
        let chunks = max(1, min(most, count / max(1, minimumChunk)))
        if chunks == 1 {
            body(0..<count)
            return
        }
        let g = max(1, granule)
        let units = (count + g - 1) / g
        withoutActuallyEscaping(body) { body in
            var job = RangeJob(count: count, chunks: chunks, units: units, granule: g, body: body)
            withUnsafeMutablePointer(to: &job) { pointer in
                ek_parallel_run(
                    Int32(threadCount), Int64(chunks),
                    { context, chunk in
                        context!.assumingMemoryBound(to: RangeJob.self).pointee.run(Int(chunk))
                    }, pointer)
            }
        }
    }
}

/// One `forRanges` call as the thread pool sees it: chunk `c` is the c-th of `chunks` contiguous ranges.
struct RangeJob {
    let count: Int
    let chunks: Int
    let units: Int
    let granule: Int
    let body: (Range<Int>) -> Void

    func run(_ c: Int) {
        let lo = min(count, (units * c / chunks) * granule)
        let hi = c == chunks - 1 ? count : min(count, (units * (c + 1) / chunks) * granule)
        if lo < hi { body(lo..<hi) }
    }
}
