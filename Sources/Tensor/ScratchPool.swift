import Foundation

/// Reusable f32 scratch buffers for the workers of `gemm` (fresh multi-megabyte allocations would page-fault on
/// every panel).
final class ScratchPool: @unchecked Sendable {
    static let shared = ScratchPool()

    private let lock = NSLock()
    private var free: [(pointer: UnsafeMutablePointer<Float>, capacity: Int)] = []

    /// Runs `body` with a buffer of at least `count` floats.
    func with<R>(count: Int, _ body: (UnsafeMutablePointer<Float>) -> R) -> R {
        let buffer = take(count)
        defer { give(buffer) }
        return body(buffer.pointer)
    }

    private func take(_ count: Int) -> (pointer: UnsafeMutablePointer<Float>, capacity: Int) {
        lock.lock()
        if let index = free.firstIndex(where: { $0.capacity >= count }) {
            let buffer = free.remove(at: index)
            lock.unlock()
            return buffer
        }
        lock.unlock()
        return (UnsafeMutablePointer<Float>.allocate(capacity: count), count)
    }

    private func give(_ buffer: (pointer: UnsafeMutablePointer<Float>, capacity: Int)) {
        lock.lock()
        defer { lock.unlock() }
        free.append(buffer)
        if free.count > 2 * Parallel.threadCount {
            free.sort { $0.capacity > $1.capacity }
            free.removeLast().pointer.deallocate()
        }
    }
}
