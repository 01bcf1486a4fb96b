import GRDB

extension Schema {
    /// The migration that keeps each student's gradebook ID (`class.csv`'s `id` or `student_id` column).
    static let studentExternalIDMigration = "v5-teacher-student-external-id"

    static func addStudentExternalID(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE student ADD COLUMN external_id TEXT")
    }
}

extension Store {
    /// Sets a student's gradebook ID when it is new or changed.
    static func setExternalID(_ db: Database, studentID: Int64, _ externalID: String) throws {
        try db.execute(
            sql: "UPDATE student SET external_id = ? WHERE id = ? AND external_id IS NOT ?",
            arguments: [externalID, studentID, externalID])
    }
}
