import Foundation
import GRDB

/// A class: a named batch of artworks from one group of students.
public struct ClassRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
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

/// A student of one class.
public struct StudentRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
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

/// A class with how far its work has come.
public struct ClassSummary: Sendable, Hashable {
    /// The class.
    public var record: ClassRecord
    /// How many artworks it has, how many are graded and reviewed.
    public var counts: StatusCounts
}

/// The progress of a class: imported, graded, reviewed (accepted / edited), remaining.
public struct StatusCounts: Sendable, Hashable, Codable {
    /// Artworks in the class.
    public var imported: Int
    /// Artworks with at least one assessment.
    public var graded: Int
    /// Artworks whose review accepted the assessment as it was.
    public var accepted: Int
    /// Artworks whose review changed the scores or the critique.
    public var edited: Int

    /// Artworks with a review.
    public var reviewed: Int { accepted + edited }
    /// Artworks still waiting for a review.
    public var remaining: Int { imported - reviewed }

    /// Creates counts.
    public init(imported: Int, graded: Int, accepted: Int, edited: Int) {
        self.imported = imported
        self.graded = graded
        self.accepted = accepted
        self.edited = edited
    }
}
