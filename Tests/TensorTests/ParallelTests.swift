import Foundation
import Testing

@testable import Tensor

@Suite struct ParallelTests {
    final class Counts: @unchecked Sendable {
        let lock = NSLock()
        var hits: [Int]
        init(_ n: Int) { hits = [Int](repeating: 0, count: n) }
        func add(_ range: Range<Int>) {
            lock.lock()
            for i in range { hits[i] += 1 }
            lock.unlock()
        }
    }

    @Test("forRanges visits every index exactly once, over many jobs of every size")
    func coverage() {
        for count in [1, 2, 3, 7, 64, 1000, 4097] {
            for perThread in [1, 4] {
                for _ in 0..<50 {
                    let counts = Counts(count)
                    Parallel.forRanges(count, granule: 3, chunksPerThread: perThread) { counts.add($0) }
                    #expect(counts.hits.allSatisfy { $0 == 1 }, "count \(count)")
                }
            }
        }
    }

    @Test("nested calls and calls from several threads at once run to completion")
    func nestedAndConcurrent() {
        let counts = Counts(64 * 64)
        Parallel.forRanges(64) { outer in
            for i in outer {
                Parallel.forRanges(64) { inner in counts.add((i * 64 + inner.lowerBound)..<(i * 64 + inner.upperBound))
                }
            }
        }
        #expect(counts.hits.allSatisfy { $0 == 1 })
        let many = Counts(8 * 5000)
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for _ in 0..<20 {
                Parallel.forRanges(5000, chunksPerThread: 4) { r in
                    if r.lowerBound == 0 { many.add((t * 5000)..<(t * 5000 + 1)) }
                }
            }
        }
        #expect(many.hits.enumerated().allSatisfy { $0.offset % 5000 == 0 ? $0.element == 20 : $0.element == 0 })
    }
}
