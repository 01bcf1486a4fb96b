import Foundation
import GRDB

/// A fitted calibration of a scorer: coefficients learned from teacher reviews, how many reviews were
/// used, and the cross-validated error before and after.
public struct CalibrationRecord: Sendable, Hashable, Codable, FetchableRecord {
    /// The row id.
    public var id: Int64
    /// The scorer calibrated ("builtin").
    public var scorerID: String
    /// 1 for the first calibration of a scorer, then counting up.
    public var version: Int
    /// The coefficients, as JSON in the scorer's own shape.
    public var coefficients: String
    /// How many reviewed artworks were used.
    public var n: Int
    /// Cross-validated metrics before calibration ("mae" → 3.1), as JSON object of numbers.
    public var cvBefore: [String: Double]
    /// Cross-validated metrics after calibration.
    public var cvAfter: [String: Double]
    /// When it was fitted.
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, version, coefficients, n
        case scorerID = "scorer_id"
        case cvBefore = "cv_before"
        case cvAfter = "cv_after"
        case createdAt = "created_at"
    }
}

extension Store {
    /// Stores a new calibration of `scorerID` with the next version number, in one transaction.
    @discardableResult
    public func addCalibration(
        scorerID: String, coefficients: String, n: Int, cvBefore: [String: Double], cvAfter: [String: Double]
    ) throws -> CalibrationRecord {
        let before = String(decoding: try JSONEncoder().encode(cvBefore), as: UTF8.self)
        let after = String(decoding: try JSONEncoder().encode(cvAfter), as: UTF8.self)
        return try write { db in
            let version =
                (try Int.fetchOne(
                    db, sql: "SELECT max(version) FROM calibration WHERE scorer_id = ?", arguments: [scorerID]) ?? 0)
                + 1
            try db.execute(
                sql: """
                    INSERT INTO calibration (scorer_id, version, coefficients, n, cv_before, cv_after, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [scorerID, version, coefficients, n, before, after, Date()])
            guard
                let stored = try Store.records(
                    db, CalibrationRecord.self, table: "calibration", sql: "SELECT * FROM calibration WHERE id = ?",
                    arguments: [db.lastInsertedRowID]
                ).first
            else { throw StoreError.damaged(path: "", what: "the new calibration cannot be read back") }
            return stored
        }
    }

    /// The newest calibration of a scorer, or `nil`.
    public func latestCalibration(scorerID: String) throws -> CalibrationRecord? {
        try read { db in
            try Store.records(
                db, CalibrationRecord.self, table: "calibration",
                sql: "SELECT * FROM calibration WHERE scorer_id = ? ORDER BY version DESC", arguments: [scorerID]
            ).first
        }
    }
}

extension CalibrationRecord: TableRecord {
    /// The SQLite table the records live in.
    public static let databaseTableName = "calibration"
}
