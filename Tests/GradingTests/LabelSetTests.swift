import Foundation
import Testing

@testable import Grading

@Suite struct LabelSetTests {
    /// A fresh folder holding `a.png` and `b.png` (contents irrelevant here) and a labels CSV.
    func folder(_ csv: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("easel-labels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["a.png", "b.png"] {
            try Data([0x89, 0x50]).write(to: dir.appendingPathComponent(name))
        }
        let path = dir.appendingPathComponent("test.csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func error(_ csv: String) throws -> String {
        let path = try folder(csv)
        do {
            _ = try LabelSet(path: path)
            return "no error"
        } catch {
            return String(describing: error).replacingOccurrences(of: path, with: "test.csv")
        }
    }

    @Test("a good file reads, paths relative to the CSV, decimals allowed, quotes and BOM handled")
    func reads() throws {
        let path = try folder(
            "\u{FEFF}file,originality,color,texture,composition,content\r\na.png,1,2.5,3,4,20\r\n\"b.png\",0,0,0,0,0\r\n"
        )
        let set = try LabelSet(path: path)
        #expect(set.entries.count == 2)
        #expect(set.entries[0].scores == [1, 2.5, 3, 4, 20])
        #expect(set.entries[1].url.lastPathComponent == "b.png")
        #expect(set.entries[1].line == 3)
    }

    @Test("an optional description column is read, with commas and line breaks inside quotes")
    func descriptions() throws {
        let path = try folder(
            "file,originality,color,texture,composition,content,description\na.png,1,2,3,4,5,\"A boat, at sea\nat night\"\n"
        )
        #expect(try LabelSet(path: path).entries[0].description == "A boat, at sea\nat night")
    }

    @Test("a missing image names the CSV line")
    func missingImage() throws {
        let message = try error(
            "file,originality,color,texture,composition,content\na.png,1,2,3,4,5\nc.png,1,2,3,4,5\n")
        #expect(message.hasPrefix("test.csv:3: image `c.png` not found"))
    }

    @Test("a score out of range or not a number names the line and the dimension")
    func badScores() throws {
        let out = try error("file,originality,color,texture,composition,content\na.png,1,23,3,4,5\n")
        #expect(out == "test.csv:2: color score 23 is outside 0–20")
        let negative = try error("file,originality,color,texture,composition,content\na.png,-1,2,3,4,5\n")
        #expect(negative == "test.csv:2: originality score -1 is outside 0–20")
        let word = try error("file,originality,color,texture,composition,content\na.png,1,2,3,four,5\n")
        #expect(word == "test.csv:2: composition score `four` is not a number")
    }

    @Test("a bad header, a short row, an empty file and a missing CSV each give one clear line")
    func structure() throws {
        #expect(try error("file,orig,color\na.png,1,2\n").hasPrefix("test.csv:1: bad header `file,orig,color`"))
        #expect(
            try error("file,originality,color,texture,composition,content\na.png,1,2,3\n")
                == "test.csv:2: expected 6 fields, found 4")
        #expect(try error("").hasPrefix("test.csv:1: the file is empty"))
        #expect(
            try error("file,originality,color,texture,composition,content\n")
                == "test.csv:1: no labelled images after the header")
        #expect(
            throws: GradingError.unreadable(file: "/nonexistent/x.csv", reason: "no such file, or it cannot be read")
        ) {
            try LabelSet(path: "/nonexistent/x.csv")
        }
    }
}
