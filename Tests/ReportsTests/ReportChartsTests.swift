import CSV
import Foundation
import Rubric
import Store
import Testing

@testable import Reports

/// The class report's charts, the student pages, the gradebook and the CSV's byte-order mark and student IDs.
@Suite struct ReportChartsTests {
    /// Two classes: 7B with twelve artworks (some reviewed, some only suggested, one not graded) and 8A later with
    /// two of the same students again.
    func sampleStore() throws -> (folder: String, store: Store, first: Int64, second: Int64) {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-charts-\(UUID().uuidString)")
        let store = try Store(path: (folder as NSString).appendingPathComponent("db.sqlite"))
        let first = try store.ensureClass(named: "7B autumn")
        let names = [
            "Zoë Ångström", "José Martínez", "王小明", "Ana", "Bo", "Chen", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy",
        ]
        var n = 0
        func add(_ klass: Int64, _ student: String, id: String?, scores: [Int]?, review: [Int]? = nil) throws {
            n += 1
            let hex = String(n, radix: 16)
            let artwork = try store.importArtwork(
                NewArtwork(
                    filePath: "/c/art\(n).png", sha256: String(repeating: "0", count: 64 - hex.count) + hex,
                    byteSize: 10, width: 4, height: 3, title: "Work \(n)", description: "d", studentName: student,
                    studentExternalID: id),
                classID: klass
            ).artworkID
            if let scores {
                try store.addAssessment(
                    Assessment(
                        scores: try Scores(scores), critique: "Critique \(n).", scorerID: "builtin",
                        scorerVersion: "3+cal1", duration: 0.1),
                    artworkID: artwork)
            }
            if let review {
                try store.saveReview(artworkID: artwork, scores: try Scores(review), critique: "Mine \(n).")
            }
        }
        for (i, name) in names.enumerated() {
            let base = [2 + i, 3 + i, 4 + i, 5 + i, min(20, 6 + i)].map { min(20, $0) }
            let id = i < 3 ? "S-\(1000 + i)" : nil
            switch i % 4 {
            case 0: try add(first.id, name, id: id, scores: base, review: base.map { min(20, $0 + 2) })
            case 1: try add(first.id, name, id: id, scores: base)
            case 2: try add(first.id, name, id: id, scores: i == 10 ? nil : base, review: i == 10 ? nil : base)
            default: try add(first.id, name, id: id, scores: base)
            }
        }
        let second = try store.ensureClass(named: "8A spring")
        try add(second.id, "Zoë Ångström", id: "S-1000", scores: [15, 15, 15, 15, 15], review: [16, 15, 15, 15, 15])
        try add(second.id, "Zoe Angstrom", id: "S-1000", scores: [18, 18, 18, 18, 18])
        try add(second.id, "Ana", id: nil, scores: [9, 9, 9, 9, 9])
        return (folder, store, first.id, second.id)
    }

    func rows(_ data: Data) throws -> [[String]] {
        #expect(data.starts(with: ClassReport.byteOrderMark))
        let reader = try CSVReader(string: String(decoding: data.dropFirst(3), as: UTF8.self))
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let regex = try Regex(pattern)
        return text.matches(of: regex).map { match in
            (1..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
        }
    }

    @Test("the class report's histogram and dimension means are the numbers the exported CSV gives")
    func chartsMatchCSV() throws {
        let (folder, store, first, _) = try sampleStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let results = try store.results(classID: first)
        let table = try rows(try ClassReport.csv(results))
        let header = try #require(table.first)
        var column: [String: Int] = [:]
        for (i, name) in header.enumerated() { column[name] = i }
        let totalColumn = try #require(column["total"])
        let statusColumn = try #require(column["status"])
        let scored = table.dropFirst().filter { !$0[totalColumn].isEmpty }
        var bins = [Int](repeating: 0, count: 10)
        for row in scored { bins[min(9, (Int(row[totalColumn]) ?? 0) / 10)] += 1 }
        var means: [String: String] = [:]
        for dimension in Rubric.Dimension.allCases {
            let index = try #require(column[dimension.rawValue])
            let sum = scored.map { Int($0[index]) ?? 0 }.reduce(0, +)
            means[dimension.rawValue] = String(format: "%.1f", Double(sum) / Double(scored.count))
        }
        let suggested = table.dropFirst().filter { $0[statusColumn] == "unreviewed" && !$0[totalColumn].isEmpty }

        let html = String(
            decoding: PrintableReport.html(className: "7B autumn", results: results, thumbnails: [:]), as: UTF8.self)
        let drawnBins = try matches(#"data-bin="([^"]+)" data-count="(\d+)""#, in: html)
        #expect(drawnBins.map { $0[0] } == ClassStatistics.binLabels)
        #expect(drawnBins.map { Int($0[1])! } == bins)
        let drawnMeans = try matches(#"class="mean" data-dimension="(\w+)" data-mean="([0-9.]+)""#, in: html)
        #expect(Dictionary(uniqueKeysWithValues: drawnMeans.map { ($0[0], $0[1]) }) == means)
        #expect(bins.reduce(0, +) == 11 && suggested.count == 6)
        #expect(
            html.contains("12 artworks · 5 reviewed by the teacher · 6 suggested, not yet reviewed · 1 not graded yet"))
        #expect(html.contains("Final totals of 11 artworks (5 reviewed, 6 suggested)"))
        #expect(try matches(#"<svg class="profile""#, in: html).count == 11, "a profile beside each scored artwork")
        #expect(!html.contains("<script") && !html.contains("3+cal1") && !html.contains("builtin"))
    }

    @Test("the CSV starts with a byte-order mark (not with --no-bom) and carries the student ID from class.csv")
    func bomAndStudentID() throws {
        let (folder, store, first, _) = try sampleStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let results = try store.results(classID: first)
        let table = try rows(try ClassReport.csv(results))
        #expect(table[0][0] == "student_id")
        #expect(table.first { $0[1] == "Zoë Ångström" }?[0] == "S-1000")
        #expect(table.first { $0[1] == "王小明" }?[0] == "S-1002")
        #expect(table.first { $0[1] == "Ana" }?[0] == "", "no ID given, an empty cell")
        let plain = try ClassReport.csv(results, byteOrderMark: false)
        #expect(plain.starts(with: Data("student_id,".utf8)))
    }

    @Test("the gradebook has one row per student (matched by ID, else name) and one total column per class")
    func gradebook() throws {
        let (folder, store, first, second) = try sampleStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let assignments = [
            Gradebook.Assignment(name: "7B autumn", results: try store.results(classID: first)),
            Gradebook.Assignment(name: "8A spring", results: try store.results(classID: second)),
        ]
        let table = try rows(try Gradebook.csv(assignments))
        #expect(table[0] == ["student_id", "student", "7B autumn", "8A spring", "not_reviewed"])
        #expect(table.count == 13, "12 students; the renamed Zoe is the same ID")
        #expect(
            table.first { $0[1] == "Zoë Ångström" } == ["S-1000", "Zoë Ångström", "30", "83.0", "1"],
            "two artworks in 8A: their mean")
        #expect(table.first { $0[1] == "Ana" } == ["", "Ana", "35", "45", "2"])
        #expect(table.first { $0[1] == "Hal" } == ["", "Hal", "", "", "0"], "not graded: empty")
    }

    @Test("a student's page: scores with band words and the rubric's descriptors, the critique, totals over time")
    func studentPage() throws {
        let (folder, store, first, second) = try sampleStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let entries = try [(first, "7B autumn"), (second, "8A spring")].flatMap { id, name in
            try store.results(classID: id).map { StudentReport.Entry(className: name, result: $0) }
        }
        let mine = entries.filter { $0.result.studentName == "Zoë Ångström" }
        let html = String(
            decoding: StudentReport.html(
                student: "Zoë Ångström", shown: mine.filter { $0.className == "8A spring" }, history: mine,
                thumbnails: [:]),
            as: UTF8.self)
        #expect(html.contains("<h1>Zoë Ångström</h1>"))
        #expect(html.contains("<td>Originality</td><td class=\"n\">16 / 20</td><td>strong<br>"))
        #expect(html.contains(RubricText.descriptor(.strong, in: .originality)))
        #expect(html.contains("Mine 13."), "the teacher's critique")
        #expect(html.contains("Reviewed by the teacher, who corrected the scores or the critique."))
        #expect(html.contains("Totals over time"))
        #expect(try matches(#"<circle data-total="(\d+)""#, in: html).map { $0[0] } == ["30", "76"])
        #expect(!html.contains("builtin") && !html.contains("<script"))
        #expect(StudentReport.fileName(for: "Zoë Ångström") == "Zoë-Ångström.html")
        #expect(StudentReport.fileName(for: "../..") == "student.html")
        #expect(StudentReport.matching("zoe", in: ["Zoë Ångström", "Ana"]) == ["Zoë Ångström"])
        #expect(StudentReport.matching("ana", in: ["Ana", "Anabel"]) == ["Ana"], "an exact name wins")
    }
}
