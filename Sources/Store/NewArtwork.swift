import Foundation

/// An artwork as the importer found it, before it is stored.
///
/// `nil` for the title, description or student means "not given": a new artwork gets an empty value,
/// an existing one keeps what it had.
public struct NewArtwork: Sendable, Hashable {
    /// The absolute path of the image file.
    public var filePath: String
    /// The SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    /// The file's size in bytes.
    public var byteSize: Int64
    /// The upright width in pixels.
    public var width: Int
    /// The upright height in pixels.
    public var height: Int
    /// The title, if given.
    public var title: String?
    /// The description, if given.
    public var description: String?
    /// The student's name, if given.
    public var studentName: String?
    /// The student's ID in the school's gradebook, if given (`class.csv`'s `id` or `student_id` column).
    public var studentExternalID: String?

    /// The file name without its folder.
    public var fileName: String { (filePath as NSString).lastPathComponent }

    /// Creates a new-artwork value.
    public init(
        filePath: String, sha256: String, byteSize: Int64, width: Int, height: Int,
        title: String? = nil, description: String? = nil, studentName: String? = nil, studentExternalID: String? = nil
    ) {
        self.studentExternalID = studentExternalID
        self.filePath = filePath
        self.sha256 = sha256
        self.byteSize = byteSize
        self.width = width
        self.height = height
        self.title = title
        self.description = description
        self.studentName = studentName
    }
}

/// What storing one ``NewArtwork`` did.
public enum ImportOutcome: Sendable, Hashable {
    /// A new artwork was added.
    case added(Int64)
    /// The artwork was there already; the named fields were updated in place.
    case updated(Int64, fields: [String])
    /// The artwork was there already, unchanged.
    case unchanged(Int64)
    /// A known file came with new content: the artwork's picture was replaced, its history kept.
    case replaced(Int64)

    /// The artwork's id.
    public var artworkID: Int64 {
        switch self {
        case .added(let id), .updated(let id, _), .unchanged(let id), .replaced(let id): id
        }
    }
}
