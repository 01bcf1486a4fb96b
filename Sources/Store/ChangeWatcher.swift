import Foundation
import GRDB

/// Tells when another connection (another `easel` process, another window) committed a change to the
/// database, so that an open review can show it without a restart.
///
/// It keeps one read-only connection of its own and polls `PRAGMA data_version`, which changes on that
/// connection whenever any other connection commits: a few microseconds, cheap enough for the review's idle
/// tick (every 500 ms).
public final class ChangeWatcher: @unchecked Sendable {
    private let queue: DatabaseQueue
    private var last: Int?

    /// Opens the watcher's own connection to the store's file.
    public init(store: Store) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "easel-watch"
        queue = try DatabaseQueue(path: store.path, configuration: configuration)
        last = try version()
    }

    /// Whether something was committed since the last call (or since the watcher was made).
    public func hasChanged() -> Bool {
        guard let now = try? version() else { return false }
        defer { last = now }
        return now != last
    }

    private func version() throws -> Int? {
        try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }
    }
}
