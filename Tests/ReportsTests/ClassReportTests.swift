import CSV
import Foundation
import Rubric
import Store
import Testing

@testable import Reports

@Suite struct ClassReportTests {
    /// A store with three artworks: one accepted, one edited, one never graded.
    func sampleStore() throws -> (String, Store, Int64) {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-reports-\(UUID().uuidString)")
        let store = try Store(path: (folder as NSString).appendingPathComponent("db.sqlite"))
        let klass = try store.ensureClass(named: "7B")
        func add(_ n: Int, title: String, student: String, description: String = "d") throws -> Int64 {
            let hex = String(n, radix: 16)
            return try store.importArtwork(
                NewArtwork(
                    filePath: "/c/art\(n).png", sha256: String(repeating: "0", count: 64 - hex.count) + hex,
                    byteSize: 10, width: 4, height: 3, title: title, description: description,
                    studentName: student),
                classID: klass.id
            ).artworkID
        }
        let a = try add(1, title: "Sea, sky and \"waves\"", student: "Zoë Ångström")
        let b = try add(2, title: "=HYPERLINK(\"http://x\",\"y\")", student: "@José")
        _ = try add(3, title: "Hills\nat dusk", student: "王小明", description: "=HYPERLINK(\"http://x\",\"y\")")
        let assessment = Assessment(
            scores: try Scores([10, 11, 12, 13, 14]), critique: "Line one.\nLine two, with a comma.",
            scorerID: "builtin", scorerVersion: "1", duration: 0.1)
        try store.addAssessment(assessment, artworkID: a)
        try store.addAssessment(assessment, artworkID: b)
        try store.accept(artworkID: a)
        try store.saveReview(artworkID: b, scores: try Scores([20, 20, 20, 20, 1]), critique: "-5 points? No: +10.")
        return (folder, store, klass.id)
    }

    func parse(_ data: Data) throws -> [[String]] {
        let bom = data.starts(with: ClassReport.byteOrderMark)
        let reader = try CSVReader(string: String(decoding: bom ? data.dropFirst(3) : data, as: UTF8.self))
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    @Test("the header and one row per artwork, with final scores, band, status and scorer")
    func rows() throws {
        let (folder, store, classID) = try sampleStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = try ClassReport.csv(try store.results(classID: classID))
        let rows = try parse(data)
        #expect(rows.first == ClassReport.columns)
        #expect(rows.count == 4)
        #expect(Array(rows[1][1...4]) == ["Zoë Ångström", "Sea, sky and \"waves\"", "d", "art1.png"])
        #expect(
            Array(rows[1][5...14]) == [
                "10", "11", "12", "13", "14", "60", "competent", "accepted",
                "Line one.\nLine two, with a comma.", "builtin 1",
            ])
        #expect(rows[1][15].hasSuffix("Z") && rows[1][15].count == 20)
        #expect(
            Array(rows[2][5...13]) == ["20", "20", "20", "20", "1", "81", "strong", "edited", "'-5 points? No: +10."])
        #expect(Array(rows[3][4...15]) == ["art3.png", "", "", "", "", "", "", "", "unreviewed", "", "", ""])
    }

    @Test("RFC 4180: CRLF line ends, quoted commas, doubled quotes and line breaks inside quotes, UTF-8")
    func quoting() throws {
        let (folder, store, classID) = try sampleStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = String(
            decoding: try ClassReport.csv(try store.results(classID: classID), byteOrderMark: false), as: UTF8.self)
        #expect(
            text.hasPrefix(
                "student_id,student,title,description,file,originality,color,texture,composition,content,total,band,status,"
                    + "critique,scorer,reviewed_at\r\n"))
        #expect(text.contains(",Zoë Ångström,\"Sea, sky and \"\"waves\"\"\",d,art1.png,"))
        #expect(text.contains("王小明,\"Hills\nat dusk\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",art3.png,"))
        #expect(text.hasSuffix("\r\n"))
    }

    @Test("cells that start like a formula come out as text with a leading apostrophe")
    func formulaInjection() throws {
        let (folder, store, classID) = try sampleStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = try parse(try ClassReport.csv(try store.results(classID: classID)))
        #expect(rows[2][1] == "'@José")
        #expect(rows[2][2] == "'=HYPERLINK(\"http://x\",\"y\")")
        #expect(rows[3][3] == "'=HYPERLINK(\"http://x\",\"y\")", "a formula in a description is text too")
        for row in rows.dropFirst() {
            for cell in row {
                #expect(!["=", "+", "-", "@", "\t", "\r"].contains(cell.first.map(String.init) ?? ""), "\(cell)")
            }
        }
        for start in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            #expect(ClassReport.guardFormula(start) == "'" + start)
        }
        for safe in ["1", "a=b", "", "'quoted", " =x"] { #expect(ClassReport.guardFormula(safe) == safe) }
    }

    @Test("an empty class gives the header only")
    func emptyClass() throws {
        #expect(try parse(try ClassReport.csv([])) == [ClassReport.columns])
    }
}
