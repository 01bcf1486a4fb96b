import EaselTestSupport
import Foundation
import Imaging
import Rubric
import Store
import Testing

@testable import Reports

@Suite struct PrintableReportTests {
    func store() throws -> (String, Store, Int64, [Int64]) {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-html-\(UUID().uuidString)")
        let store = try Store(path: (folder as NSString).appendingPathComponent("db.sqlite"))
        let klass = try store.ensureClass(named: "7B <art>")
        var ids: [Int64] = []
        for (n, title, student) in [(1, "<script>alert(1)</script>", "Zoë & \"Ångström\""), (2, "", "王小明")] {
            ids.append(
                try store.importArtwork(
                    NewArtwork(
                        filePath: "/c/art\(n).png", sha256: String(repeating: "0", count: 63) + String(n),
                        byteSize: 10, width: 4, height: 3, title: title, description: "It's\u{1B}[31m red",
                        studentName: student),
                    classID: klass.id
                ).artworkID)
        }
        let assessment = Assessment(
            scores: try Scores([17, 13, 9, 5, 4]), critique: "Bold colour.\nNext: texture.", scorerID: "builtin",
            scorerVersion: "3", duration: 0.1)
        try store.addAssessment(assessment, artworkID: ids[0])
        try store.saveReview(artworkID: ids[0], scores: try Scores([17, 13, 9, 5, 0]), critique: "Edited <b>.")
        return (folder, store, klass.id, ids)
    }

    @Test("every artwork prints with its final scores, band words, status and critique; text is escaped")
    func content() throws {
        let (folder, store, classID, ids) = try store()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let results = try store.results(classID: classID)
        let html = String(
            decoding: PrintableReport.html(className: "7B <art>", results: results, thumbnails: [:]), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Class report: 7B &lt;art&gt;</title>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>"))
        #expect(html.contains("Zoë &amp; &quot;Ångström&quot;"))
        #expect(html.contains("It&#39;s[31m red") && !html.contains("\u{1B}"), "control characters are dropped")
        #expect(html.contains("<td>Originality</td><td class=\"n\">17 / 20</td><td>exceptional</td>"))
        #expect(html.contains("<td>Content</td><td class=\"n\">0 / 20</td><td>beginning</td>"))
        #expect(html.contains("<th>Total</th><th class=\"n\">44 / 100</th><th>developing</th>"))
        #expect(html.contains("Reviewed by the teacher, who corrected the scores or the critique."))
        #expect(html.contains("Edited &lt;b&gt;."))
        #expect(html.contains("art2.png"), "an untitled artwork shows its file name")
        #expect(html.contains("Not graded yet."))
        #expect(html.contains("2 artworks · 1 reviewed by the teacher · 1 not graded yet · mean total 44.0 / 100"))
        #expect(html.contains(PrintableReport.readableDate(Date())), "a date a parent reads")
        #expect(!html.contains("builtin") && !html.contains("T0") && !html.contains("Z<"), "no versions or ISO times")
        #expect(!html.contains("http://") && !html.contains("https://"), "nothing is fetched from elsewhere")
        #expect(ids.count == 2)
    }

    @Test(
        "thumbnails are small PNGs without metadata, embedded as data URIs",
        .enabled(if: TestEnvironment.hasShared("data/images/drawing-garlic.png"), "needs ../shared/data/images"))
    func thumbnails() throws {
        let photo = TestEnvironment.shared("data/images/drawing-garlic.png").path
        let png = try PrintableReport.thumbnail(path: photo)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let image = try ImageDecoder.decode(png)
        #expect(max(image.width, image.height) <= PrintableReport.thumbnailSide)
        #expect(image.height > image.width, "the phone photo is upright (EXIF orientation 6 applied)")
        for chunk in ["eXIf", "tEXt", "iTXt", "zTXt"] {
            #expect(png.range(of: Data(chunk.utf8)) == nil, "no \(chunk) chunk")
        }
        let (folder, store, classID, ids) = try store()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let html = String(
            decoding: PrintableReport.html(
                className: "7B", results: try store.results(classID: classID), thumbnails: [ids[0]: png]),
            as: UTF8.self)
        #expect(html.contains("src=\"data:image/png;base64,\(png.base64EncodedString())\""))
        #expect(throws: ImagingError.self) { try PrintableReport.thumbnail(path: "/nonexistent/x.png") }
    }
}
