import Foundation

/// CPU time spent by the calling thread, which (unlike wall-clock time) does not grow when other programs
/// compete for the processor: the stage timings of an import are measured with it.
enum ThreadCPUTime {
    /// The calling thread's CPU time so far.
    static func now() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    /// The CPU time `body` takes on this thread.
    static func measure(_ body: () throws -> Void) rethrows -> Duration {
        let start = now()
        try body()
        return now() - start
    }
}
