import Foundation
import GRDB

/// One imported picture of a student's work.
public struct Artwork: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    /// The SQLite table the records live in.
    public static let databaseTableName = "artwork"

    /// The row id.
    public var id: Int64
    /// The class it belongs to.
    public var classID: Int64
    /// The student, when `class.csv` named one.
    public var studentID: Int64?
    /// The absolute path of the image file at import time.
    public var filePath: String
    /// The SHA-256 of the file's bytes, lowercase hex; the artwork's identity within its class.
    public var sha256: String
    /// The file's size in bytes.
    public var byteSize: Int64
    /// The upright width in pixels (after EXIF orientation).
    public var width: Int
    /// The upright height in pixels (after EXIF orientation).
    public var height: Int
    /// The title, empty when none was given.
    public var title: String
    /// The student's description of the work, empty when none was given.
    public var description: String
    /// When it was first imported.
    public var importedAt: Date
    /// When the teacher removed it (hidden, recoverable with `easel remove --restore`), or `nil`.
    public var hiddenAt: Date?

    /// The file name without its folder.
    public var fileName: String { (filePath as NSString).lastPathComponent }

    enum CodingKeys: String, CodingKey {
        case id, title, description, width, height, sha256
        case classID = "class_id"
        case studentID = "student_id"
        case filePath = "file_path"
        case byteSize = "byte_size"
        case importedAt = "imported_at"
        case hiddenAt = "hidden_at"
    }
}
