import CSV
import Foundation
import Rubric
import Store

/// The class report: one CSV row per artwork with its description, final scores (the teacher's where reviewed, else the
/// latest assessment's), band, review status and critique.
///
/// RFC 4180 (CRLF line ends, quoted where needed) in UTF-8 with a byte-order mark by default (Excel on Windows reads
/// a UTF-8 file without one as the local code page and garbles accented names), written by the CSV.swift library.
/// A cell that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a
/// leading apostrophe so it shows as text.
public enum ClassReport {
    /// The header, in order.
    public static let columns = [
        "student_id", "student", "title", "description", "file", "originality", "color", "texture", "composition",
        "content", "total",
        "band",
        "status", "critique", "scorer", "reviewed_at",
    ]

    /// The cells of one artwork's row, before formula guarding.
    public static func cells(_ result: ArtworkResult) -> [String] {
        let scores = result.finalScores
        let numbers = scores.map { s in Dimension.allCases.map { String(s[$0]) } + [String(s.total)] }
        return [
            result.studentExternalID ?? "", result.studentName ?? "", result.artwork.title, result.artwork.description,
            result.artwork.fileName,
        ] + (numbers ?? Array(repeating: "", count: 6)) + [
            scores.map { $0.totalBand.word } ?? "",
            result.status.rawValue,
            result.finalCritique,
            result.scorer,
            result.review.map { timestamp($0.reviewedAt) } ?? "",
        ]
    }

    /// The UTF-8 byte-order mark.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The whole report as CSV bytes: header then one row per result, after a byte-order mark unless
    /// `byteOrderMark` is false.
    public static func csv(_ results: [ArtworkResult], byteOrderMark: Bool = true) throws -> Data {
        try encode(header: columns, rows: results.map(cells), byteOrderMark: byteOrderMark)
    }

    /// CSV bytes of a header and rows, each cell formula-guarded.
    static func encode(header: [String], rows: [[String]], byteOrderMark: Bool) throws -> Data {
        let stream = OutputStream(toMemory: ())
        do {
            let writer = try CSVWriter(stream: stream, newline: .crlf)
            try writer.write(row: header.map(guardFormula))
            for row in rows {
                try writer.write(row: row.map(guardFormula))
            }
            writer.stream.close()
        } catch {
            throw ReportsError.encoding("\(error)")
        }
        guard var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw ReportsError.encoding("the CSV writer produced no data")
        }
        data.append(contentsOf: [0x0D, 0x0A])
        return byteOrderMark ? Data(Self.byteOrderMark) + data : data
    }

    /// A cell made safe for spreadsheets: text that starts like a formula gets a leading apostrophe.
    public static func guardFormula(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first else { return cell }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first) ? "'" + cell : cell
    }

    /// A date as ISO 8601 in UTC to the second ("2026-03-01T14:05:09Z").
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
