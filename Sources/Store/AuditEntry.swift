import Foundation
import GRDB

/// One line of the append-only audit log: a change, with the state before and after it as JSON.
///
/// The database refuses to update or delete audit rows (triggers), so the log only grows.
public struct AuditEntry: Sendable, Hashable, Codable, FetchableRecord {
    /// The actions recorded.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// The teacher accepted an assessment as the review.
        case accept
        /// The teacher saved their own scores or critique.
        case edit
        /// A change was undone; ``AuditEntry/undoes`` names which.
        case undo
        /// An undo was reverted (the change it undid is back); ``AuditEntry/undoes`` names the undo entry.
        case redo
        /// An artwork's title, description, student or file path changed on re-import.
        case updateArtwork = "artwork.update"
        /// A known file came with new content: the artwork's picture was replaced (before: the old picture and
        /// the review it had; its assessments stay, marked with the old picture's hash).
        case replaceImage = "artwork.replace"
        /// The teacher removed (hid) the artwork; recoverable.
        case hide = "artwork.hide"
        /// A hidden artwork was brought back.
        case restore = "artwork.restore"
    }

    /// The row id, increasing in time order.
    public var id: Int64
    /// The artwork concerned.
    public var artworkID: Int64?
    /// What happened.
    public var action: Action
    /// The state before, as JSON (`nil`: nothing there before).
    public var before: String?
    /// The state after, as JSON (`nil`: nothing there after).
    public var after: String?
    /// For an undo: the entry it undid; for a redo: the undo entry it reverted.
    public var undoes: Int64?
    /// When it happened.
    public var at: Date

    enum CodingKeys: String, CodingKey {
        case id, action, before, after, undoes, at
        case artworkID = "artwork_id"
    }

    /// The review before the change, for review actions.
    public var reviewBefore: Review? { get throws { try before.map(Review.from(json:)) } }
    /// The review after the change, for review actions.
    public var reviewAfter: Review? { get throws { try after.map(Review.from(json:)) } }

    /// Appends an entry and returns its id.
    @discardableResult
    static func append(
        _ db: Database, artworkID: Int64?, action: Action, before: String?, after: String?, undoes: Int64? = nil,
        at: Date
    ) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO audit (artwork_id, action, before, after, undoes, at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [artworkID, action.rawValue, before, after, undoes, at])
        return db.lastInsertedRowID
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Dates are written exactly as the database stores them ("yyyy-MM-dd HH:mm:ss.SSS", UTC), so that an
        // entry's `reviewedAt` equals the row's `reviewed_at` to the character (ISO 8601 formatting rounded where
        // the database truncates: 1 ms off in about half the rows).
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(String.fromDatabaseValue(date.databaseValue) ?? "")
        }
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = Date.fromDatabaseValue(text.databaseValue) { return date }
            if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
            return try Date.ISO8601FormatStyle().parse(text)
        }
        return decoder
    }
}
