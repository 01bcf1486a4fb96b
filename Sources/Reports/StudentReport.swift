import Foundation
import Rubric
import Store

/// A one-page report for a student's parents: the artwork, its five scores with their band words and what each
/// band means in the rubric, the critique, whether the teacher reviewed it, and the student's totals over time
/// when there are artworks from several classes. Self-contained HTML like ``PrintableReport``.
public enum StudentReport {
    /// One artwork of the student, with the class it was made in.
    public struct Entry: Sendable, Hashable {
        /// The class's name.
        public var className: String
        /// The artwork and its grade.
        public var result: ArtworkResult

        /// Creates an entry.
        public init(className: String, result: ArtworkResult) {
            self.className = className
            self.result = result
        }
    }

    /// The page as UTF-8 HTML.
    /// - Parameters:
    ///   - student: the student's name.
    ///   - shown: the artworks to show in full (those of the chosen class).
    ///   - history: every artwork of the student in any class, for the totals over time.
    ///   - thumbnails: PNG bytes per artwork id.
    ///   - date: when the report was made.
    public static func html(
        student: String, shown: [Entry], history: [Entry], thumbnails: [Int64: Data], date: Date = Date()
    ) -> Data {
        let name = PrintableReport.escape(student)
        let classes = Array(Set(shown.map(\.className))).sorted().map(PrintableReport.escape).joined(separator: ", ")
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(name): art report</title>
            <style>
            \(PrintableReport.style)
            </style>
            </head>
            <body class="student">
            <h1>\(name)</h1>
            <p class="meta">Art report · \(classes) · \(PrintableReport.readableDate(date))</p>

            """
        for entry in shown {
            page += card(entry.result, thumbnail: thumbnails[entry.result.artwork.id])
        }
        let dated = history.filter { $0.result.finalScores != nil }
            .sorted { $0.result.artwork.importedAt < $1.result.artwork.importedAt }
        if dated.count > 1 {
            page += "<section class=\"card over-time\">\n<div>\n<h2>Totals over time</h2>\n"
            page += SVGChart.overTime(
                dated.map { ($0.className, $0.result.finalScores?.total ?? 0) })
            page += "<table class=\"history\">\n<tr><th>Class</th><th>Artwork</th><th>Date</th>"
            page += "<th class=\"n\">Total</th><th>Band</th></tr>\n"
            for entry in dated {
                let scores = entry.result.finalScores
                page += "<tr><td>\(PrintableReport.escape(entry.className))</td>"
                page += "<td>\(PrintableReport.escape(PrintableReport.title(entry.result)))</td>"
                page += "<td>\(PrintableReport.readableDate(entry.result.artwork.importedAt))</td>"
                page += "<td class=\"n\">\(scores.map { String($0.total) } ?? "–")</td>"
                page += "<td>\(scores?.totalBand.word ?? "")</td></tr>\n"
            }
            page += "</table>\n</div>\n</section>\n"
        }
        page += "<p class=\"descriptor\">\(PrintableReport.escape(RubricText.summary)) "
        page += "\(PrintableReport.escape(RubricText.totalBands))</p>\n"
        return Data((page + "</body>\n</html>\n").utf8)
    }

    /// A file name for the student's page: letters and digits kept (any script), anything else becomes `-`.
    public static func fileName(for student: String) -> String {
        var out = ""
        for character in student.precomposedStringWithCanonicalMapping {
            if character.isLetter || character.isNumber {
                out.append(character)
            } else if out.last != "-" {
                out.append("-")
            }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return (trimmed.isEmpty ? "student" : trimmed) + ".html"
    }

    private static func card(_ result: ArtworkResult, thumbnail: Data?) -> String {
        var html = "<section class=\"card\">\n"
        if let thumbnail {
            html += "<img alt=\"\(PrintableReport.escape(PrintableReport.title(result)))\" "
            html += "src=\"data:image/png;base64,\(thumbnail.base64EncodedString())\">\n"
        }
        html += "<div>\n<h2>\(PrintableReport.escape(PrintableReport.title(result)))</h2>\n"
        if !result.artwork.description.isEmpty {
            html += "<p><em>\(PrintableReport.escape(result.artwork.description))</em></p>\n"
        }
        guard let scores = result.finalScores else {
            return html + "<p class=\"status\">Not graded yet.</p>\n</div>\n</section>\n"
        }
        html += SVGChart.profile(scores)
        html += "<table class=\"scores\">\n"
        for dimension in Dimension.allCases {
            let band = scores.band(dimension)
            html += "<tr><td>\(dimension.title)</td><td class=\"n\">\(scores[dimension]) / 20</td>"
            html += "<td>\(band.word)<br><span class=\"descriptor\">"
            html += PrintableReport.escape(RubricText.descriptor(band, in: dimension)) + "</span></td></tr>\n"
        }
        html += "<tr><th>Total</th><th class=\"n\">\(scores.total) / 100</th><th>\(scores.totalBand.word)</th>"
        html += "</tr>\n</table>\n"
        html += "<p class=\"status\">\(PrintableReport.statusLine(result))</p>\n"
        if !result.finalCritique.isEmpty {
            html += "<p class=\"critique\">\(PrintableReport.escape(result.finalCritique))</p>\n"
        }
        return html + "</div>\n</section>\n"
    }
}

extension StudentReport {
    /// The names among `names` that `query` means: the exact name, else the names equal to it ignoring case and
    /// accents, else the names that contain it that way.
    public static func matching(_ query: String, in names: [String]) -> [String] {
        let unique = Array(Set(names)).sorted()
        if unique.contains(query) { return [query] }
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        let equal = unique.filter { $0.compare(query, options: options) == .orderedSame }
        if !equal.isEmpty { return equal }
        return unique.filter { $0.range(of: query, options: options) != nil }
    }
}
