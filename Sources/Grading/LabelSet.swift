import Foundation
import Rubric

/// A labels CSV: human scores for a set of image files.
///
/// The header is `file,originality,color,texture,composition,content`
/// (an optional seventh column `description` gives the artist's
/// description). `file` is relative to the CSV's folder; scores are 0–20,
/// decimals allowed. Every problem is reported as `FILE:LINE: what is wrong`.
public struct LabelSet: Sendable {
    /// One labelled image.
    public struct Entry: Sendable {
        /// The file as written in the CSV.
        public var file: String
        /// The image's resolved location.
        public var url: URL
        /// The CSV line the row starts on.
        public var line: Int
        /// The human scores in ``Dimension/allCases`` order.
        public var scores: [Double]
        /// The description, empty when the CSV has no description column.
        public var description: String
    }

    /// The required header fields.
    public static let header = ["file"] + Dimension.allCases.map(\.rawValue)

    /// The CSV's path as given.
    public var path: String
    /// The rows, in file order.
    public var entries: [Entry]

    /// Reads and checks a labels CSV; every image it names must exist.
    /// - Throws: ``GradingError`` naming the file and line of the first problem.
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GradingError.unreadable(file: path, reason: "no such file, or it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GradingError.unreadable(file: path, reason: "not UTF-8 text")
        }
        let records: [CSVRecords.Record]
        do {
            records = try CSVRecords.parse(text)
        } catch {
            throw GradingError.labels(file: path, line: error.line, reason: error.message)
        }
        guard let head = records.first else {
            throw GradingError.labels(
                file: path, line: 1, reason: "the file is empty; expected the header \(Self.headerText)")
        }
        let names = head.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let hasDescription = names.count == 7 && names[6] == "description"
        guard Array(names.prefix(6)) == Self.header, names.count == 6 || hasDescription else {
            throw GradingError.labels(
                file: path, line: head.line,
                reason: "bad header `\(head.fields.joined(separator: ","))`; expected \(Self.headerText)")
        }
        let folder = url.deletingLastPathComponent()
        var entries: [Entry] = []
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                throw GradingError.labels(
                    file: path, line: record.line,
                    reason: "expected \(names.count) fields, found \(record.fields.count)")
            }
            let file = record.fields[0].trimmingCharacters(in: .whitespaces)
            guard !file.isEmpty else {
                throw GradingError.labels(file: path, line: record.line, reason: "empty file name")
            }
            var scores: [Double] = []
            for (j, d) in Dimension.allCases.enumerated() {
                let text = record.fields[j + 1].trimmingCharacters(in: .whitespaces)
                guard let v = Double(text), v.isFinite else {
                    throw GradingError.labels(
                        file: path, line: record.line, reason: "\(d.rawValue) score `\(text)` is not a number")
                }
                guard (0...Double(Scores.maximum)).contains(v) else {
                    throw GradingError.labels(
                        file: path, line: record.line, reason: "\(d.rawValue) score \(text) is outside 0–20")
                }
                scores.append(v)
            }
            let imageURL = file.hasPrefix("/") ? URL(fileURLWithPath: file) : folder.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: imageURL.path) else {
                throw GradingError.labels(
                    file: path, line: record.line, reason: "image `\(file)` not found (looked at \(imageURL.path))")
            }
            entries.append(
                Entry(
                    file: file, url: imageURL, line: record.line, scores: scores,
                    description: hasDescription ? record.fields[6] : ""))
        }
        guard !entries.isEmpty else {
            throw GradingError.labels(file: path, line: head.line, reason: "no labelled images after the header")
        }
        self.entries = entries
    }

    static var headerText: String { "`" + header.joined(separator: ",") + "` (optionally `,description`)" }
}
