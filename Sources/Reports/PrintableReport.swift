import Foundation
import Imaging
import Rubric
import Store

/// The printable class report: one self-contained HTML page (no scripts, no links out, nothing fetched) with a
/// summary table and, per artwork, a thumbnail, the final scores with their band words, the review status and the
/// critique. Open it in a browser and print it, or save it as PDF.
///
/// Thumbnails are decoded and re-encoded as PNG, so no EXIF or GPS metadata of the original photos reaches the page.
public enum PrintableReport {
    /// The longest side of an embedded thumbnail, in pixels.
    public static let thumbnailSide = 360

    /// The page as UTF-8 HTML.
    /// - Parameters:
    ///   - className: the class's name, for the title.
    ///   - results: one per artwork, in the order to print.
    ///   - thumbnails: PNG bytes per artwork id; an artwork without one prints without a picture.
    ///   - date: when the report was made.
    public static func html(
        className: String, results: [ArtworkResult], thumbnails: [Int64: Data], date: Date = Date()
    ) -> Data {
        var page = head(className: className, results: results, date: date)
        page += summaryTable(results)
        for result in results {
            page += card(result, thumbnail: thumbnails[result.artwork.id])
        }
        page += "</body>\n</html>\n"
        return Data(page.utf8)
    }

    /// A PNG thumbnail (longest side ``thumbnailSide``) of the image at `path`, without any metadata.
    /// - Throws: ``ImagingError`` when the file cannot be read or decoded.
    public static func thumbnail(path: String) throws -> Data {
        let image = try ImageDecoder.decodePreview(
            contentsOf: URL(fileURLWithPath: path), maxWidth: thumbnailSide, maxHeight: thumbnailSide)
        return try PNGEncoder.encode(image)
    }

    /// A PNG thumbnail of an artwork's picture, read only while its file holds the content imported (a changed
    /// file is not printed beside the scores of the old picture).
    /// - Throws: ``StoreError/fileChanged(path:)``, or ``ImagingError`` when it cannot be decoded.
    public static func thumbnail(of artwork: Artwork) throws -> Data {
        let image = try ImageDecoder.decodePreview(
            ArtworkFile.contents(of: artwork), maxWidth: thumbnailSide, maxHeight: thumbnailSide)
        return try PNGEncoder.encode(image)
    }

    /// Text made safe inside HTML: `& < > " '` escaped, control characters (but line breaks and tabs) dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.properties.generalCategory == .control { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: - Parts

    /// A date as parents read it: "3 December 2026".
    public static func readableDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = .current
        formatter.dateFormat = "d MMMM yyyy"
        return formatter.string(from: date)
    }

    /// The style sheet shared by the class and student pages.
    static let style = """
        body { font: 11pt/1.4 Georgia, serif; margin: 2em; color: #111; }
        h1 { font-size: 18pt; margin: 0 0 .2em; } h2 { font-size: 13pt; margin: 0 0 .3em; }
        .meta { color: #555; margin-bottom: 1.2em; }
        table { border-collapse: collapse; } th, td { padding: .15em .6em; text-align: left; vertical-align: top; }
        .summary th, .history th { border-bottom: 1px solid #888; } td.n, th.n { text-align: right; white-space: nowrap; }
        .charts { display: flex; flex-wrap: wrap; gap: 2em; margin: 0 0 1.5em; break-inside: avoid; }
        .charts figure { margin: 0; } figcaption { font-size: 10pt; color: #333; margin-bottom: .3em; }
        svg text { font-family: Georgia, serif; fill: #111; }
        .card { display: flex; gap: 1.2em; border-top: 1px solid #bbb; padding: 1em 0; break-inside: avoid; }
        .card img { width: 180px; height: auto; border: 1px solid #ccc; align-self: flex-start; }
        .profile { display: block; margin: .4em 0; }
        .critique { white-space: pre-wrap; margin: .5em 0 0; } .status { color: #555; font-style: italic; }
        .descriptor { color: #444; font-size: 9.5pt; }
        @page { margin: 1.5cm; }
        @media print {
          body { margin: 0; font-size: 10pt; } .summary { break-after: page; } a { color: inherit; }
          .card img { width: 140px; }
          .student .card { display: block; break-inside: auto; }
          .student .card img { float: right; margin: 0 0 .5em 1em; }
          .student .over-time { break-inside: avoid; } h2 { break-after: avoid; }
        }
        """

    private static func head(className: String, results: [ArtworkResult], date: Date) -> String {
        let name = escape(className)
        let statistics = ClassStatistics(results)
        var facts = ["\(results.count) artworks", "\(statistics.reviewed) reviewed by the teacher"]
        if statistics.suggested > 0 { facts.append("\(statistics.suggested) suggested, not yet reviewed") }
        if statistics.notGraded > 0 { facts.append("\(statistics.notGraded) not graded yet") }
        facts.append("mean total \(statistics.meanTotal.map(SVGChart.mean) ?? "–") / 100")
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Class report: \(name)</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <h1>Class report: \(name)</h1>
            <p class="meta">\(facts.joined(separator: " · ")) · \(readableDate(date))</p>

            """
        if statistics.scored > 0 {
            let note =
                statistics.suggested > 0
                ? " (\(statistics.scored - statistics.suggested) reviewed, \(statistics.suggested) suggested)" : ""
            page += "<div class=\"charts\">\n<figure>\n<figcaption>Final totals of \(statistics.scored) artworks\(note)"
            page += "</figcaption>\n" + SVGChart.histogram(statistics.histogram) + "</figure>\n"
            page += "<figure>\n<figcaption>Class mean per dimension (0–20)</figcaption>\n"
            page += SVGChart.dimensionMeans(statistics.dimensionMeans) + "</figure>\n</div>\n"
        }
        return page
    }

    private static func summaryTable(_ results: [ArtworkResult]) -> String {
        var rows = "<table class=\"summary\">\n<tr><th>Student</th><th>Title</th><th>Total</th><th>Band</th>"
        rows += "<th>Status</th></tr>\n"
        for result in results {
            let scores = result.finalScores
            rows += "<tr><td>\(escape(result.studentName ?? ""))</td><td>\(escape(title(result)))</td>"
            rows += "<td class=\"n\">\(scores.map { String($0.total) } ?? "–")</td>"
            rows += "<td>\(scores?.totalBand.word ?? "not graded")</td><td>\(statusWords(result))</td></tr>\n"
        }
        return rows + "</table>\n"
    }

    private static func card(_ result: ArtworkResult, thumbnail: Data?) -> String {
        var html = "<section class=\"card\">\n"
        if let thumbnail {
            html += "<img alt=\"\(escape(title(result)))\" src=\"data:image/png;base64,"
            html += thumbnail.base64EncodedString() + "\">\n"
        }
        html += "<div>\n<h2>\(escape(result.studentName ?? "(no student)")) — \(escape(title(result)))</h2>\n"
        if !result.artwork.description.isEmpty {
            html += "<p><em>\(escape(result.artwork.description))</em></p>\n"
        }
        if let scores = result.finalScores {
            html += SVGChart.profile(scores)
            html += "<table class=\"scores\">\n"
            for dimension in Dimension.allCases {
                html += "<tr><td>\(dimension.title)</td><td class=\"n\">\(scores[dimension]) / 20</td>"
                html += "<td>\(scores.band(dimension).word)</td></tr>\n"
            }
            html += "<tr><th>Total</th><th class=\"n\">\(scores.total) / 100</th><th>\(scores.totalBand.word)</th>"
            html += "</tr>\n</table>\n"
        } else {
            html += "<p class=\"status\">Not graded yet.</p>\n"
        }
        html += "<p class=\"status\">\(statusLine(result))</p>\n"
        if !result.finalCritique.isEmpty {
            html += "<p class=\"critique\">\(escape(result.finalCritique))</p>\n"
        }
        return html + "</div>\n</section>\n"
    }

    static func title(_ result: ArtworkResult) -> String {
        result.artwork.title.isEmpty ? result.artwork.fileName : result.artwork.title
    }

    /// The status in a parent's words, for the summary table.
    static func statusWords(_ result: ArtworkResult) -> String {
        switch result.status {
        case .unreviewed: result.finalScores == nil ? "not graded yet" : "suggested, not yet reviewed"
        case .accepted, .edited: "reviewed by the teacher"
        }
    }

    /// The status as a sentence, under an artwork's scores.
    static func statusLine(_ result: ArtworkResult) -> String {
        switch result.status {
        case .unreviewed: "Suggested, not yet reviewed by the teacher."
        case .accepted: "Reviewed by the teacher, who kept the suggested scores."
        case .edited: "Reviewed by the teacher, who corrected the scores or the critique."
        }
    }
}
