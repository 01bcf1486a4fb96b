import COpenBLAS
import Dispatch
import Foundation

/// How the engine spreads work over the CPU cores: our own kernels split rows with
/// `DispatchQueue.concurrentPerform`, and each worker calls OpenBLAS single-threaded (two thread pools that
/// alternate would spin against each other on few cores).
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
    /// least `minimumChunk` items each (ranges start at multiples of `granule`). Runs inline when one range is
    /// enough. Workers take ranges as they become free, so more ranges than threads keep every core busy when the
    /// machine is shared and one thread is descheduled for a while.
    public static func forRanges(
        _ count: Int, minimumChunk: Int = 1, granule: Int = 1, chunksPerThread: Int = 1,
        _ body: (Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        let most = threadCount == 1 ? 1 : threadCount * max(1, chunksPerThread)
        let chunks = max(1, min(most, count / max(1, minimumChunk)))
        if chunks == 1 {
            body(0..<count)
            return
        }
        let g = max(1, granule)
        let units = (count + g - 1) / g
        withoutActuallyEscaping(body) { body in
            let work = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let body = work.value
                let lo = min(count, (units * c / chunks) * g)
                let hi = c == chunks - 1 ? count : min(count, (units * (c + 1) / chunks) * g)
                if lo < hi { body(lo..<hi) }
            }
        }
    }
}

/// Carries a value the caller knows is safe to share into a `@Sendable` closure (the closures run to completion
/// before `concurrentPerform` returns, and each touches disjoint output).
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
