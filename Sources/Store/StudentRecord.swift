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
    /// The student's ID in the school's gradebook (`class.csv`'s `id` or `student_id` column), if given.
    public var externalID: String?

    enum CodingKeys: String, CodingKey {
        case id, name
        case classID = "class_id"
        case externalID = "external_id"
    }
}
