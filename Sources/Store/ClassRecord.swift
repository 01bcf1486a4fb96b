import Foundation
import GRDB

/// A class: a named batch of artworks from one group of students.
public struct ClassRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    /// The SQLite table the records live in.
    public static let databaseTableName = "class"

    /// The row id.
    public var id: Int64
    /// The class name, unique in the database ("7B spring").
    public var name: String
    /// When the class was first imported.
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name
        case createdAt = "created_at"
    }
}
