import Foundation

/// Runs work on all cores with a bounded number of tasks in flight.
public enum Parallel {
    /// The number of active processor cores.
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body` for every item, at most `width` at a time, and hands each
    /// result to `completed` (on the calling task, one at a time, in completion
    /// order) as soon as it is ready. Stops at the first error.
    public static func forEach<Item: Sendable, Result: Sendable>(
        _ items: [Item], width: Int = cores,
        _ body: @escaping @Sendable (Item) async throws -> Result,
        completed: (Int, Result) async throws -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func submit() {
                let index = next
                let item = items[index]
                group.addTask { (index, try await body(item)) }
                next += 1
            }
            while next < min(max(1, width), items.count) { submit() }
            while let (index, result) = try await group.next() {
                try await completed(index, result)
                if next < items.count { submit() }
            }
        }
    }

    /// `body` applied to every item, at most `width` at a time; results in item order.
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], width: Int = cores, _ body: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        var results = [Result?](repeating: nil, count: items.count)
        try await forEach(items, width: width, body) { index, result in results[index] = result }
        return results.map { $0! }
    }
}
