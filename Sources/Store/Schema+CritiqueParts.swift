import GRDB

extension Schema {
    /// The migration that stores a critique's parts next to its text.
    static let critiquePartsMigration = "v4-scorer-critique-parts"

    /// Adds `assessment.critique_parts`: the critique as ``Rubric/CritiqueParts`` JSON (templates whose band
    /// words and total follow the scores), or NULL for a scorer that writes only text. Additive: older rows
    /// keep NULL and their text.
    static func addCritiqueParts(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE assessment ADD COLUMN critique_parts TEXT")
    }
}
