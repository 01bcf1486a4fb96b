import GRDB

/// A student of one class.
public struct StudentRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    /// The SQLite table the records live in.
    public static let databaseTableName = "student"

    /// The row id.
    public var id: Int64
    /// The class the student belongs to.
    public var classID: Int64
    /// The student's name as given in `class.csv`, unchanged.
    public var name: String

    enum CodingKeys: String, CodingKey {
        case id, name
        case classID = "class_id"
    }
}
