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

    private static func head(className: String, results: [ArtworkResult], date: Date) -> String {
        let name = escape(className)
        let totals = results.compactMap { $0.finalScores?.total }
        let mean = totals.isEmpty ? "–" : String(format: "%.1f", Double(totals.reduce(0, +)) / Double(totals.count))
        let reviewed = results.filter { $0.status != .unreviewed }.count
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Class report: \(name)</title>
            <style>
            body { font: 11pt/1.4 Georgia, serif; margin: 2em; color: #111; }
            h1 { font-size: 18pt; margin: 0 0 .2em; } .meta { color: #555; margin-bottom: 1.2em; }
            table { border-collapse: collapse; } th, td { padding: .15em .6em; text-align: left; }
            .summary th { border-bottom: 1px solid #888; } .summary td.n { text-align: right; }
            .card { display: flex; gap: 1.2em; border-top: 1px solid #bbb; padding: 1em 0; break-inside: avoid; }
            .card img { width: 180px; height: auto; border: 1px solid #ccc; align-self: flex-start; }
            .card h2 { font-size: 13pt; margin: 0 0 .3em; } .scores td.n { text-align: right; }
            .critique { white-space: pre-wrap; margin: .5em 0 0; } .status { color: #555; font-style: italic; }
            @media print { body { margin: 0; } .summary { break-after: page; } }
            </style>
            </head>
            <body>
            <h1>Class report: \(name)</h1>
            <p class="meta">\(results.count) artworks · \(reviewed) reviewed by the teacher · mean total \(mean) / 100 · \
            made \(ClassReport.timestamp(date)) by Easel</p>

            """
    }

    private static func summaryTable(_ results: [ArtworkResult]) -> String {
        var rows = "<table class=\"summary\">\n<tr><th>Student</th><th>Title</th><th>Total</th><th>Band</th>"
        rows += "<th>Status</th></tr>\n"
        for result in results {
            let scores = result.finalScores
            rows += "<tr><td>\(escape(result.studentName ?? ""))</td><td>\(escape(title(result)))</td>"
            rows += "<td class=\"n\">\(scores.map { String($0.total) } ?? "–")</td>"
            rows += "<td>\(scores?.totalBand.word ?? "not graded")</td><td>\(result.status.rawValue)</td></tr>\n"
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

    private static func title(_ result: ArtworkResult) -> String {
        result.artwork.title.isEmpty ? result.artwork.fileName : result.artwork.title
    }

    private static func statusLine(_ result: ArtworkResult) -> String {
        switch result.status {
        case .unreviewed: "Not reviewed yet; scores and critique by \(escape(result.scorer))."
        case .accepted: "Reviewed and accepted by the teacher."
        case .edited: "Reviewed and corrected by the teacher."
        }
    }
}
