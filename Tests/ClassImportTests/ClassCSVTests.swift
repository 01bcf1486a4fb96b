import Foundation
import Testing

@testable import ClassImport

@Suite struct ClassCSVTests {
    func parse(_ text: String) throws -> [ClassCSVRow] { try ClassCSV.parse(Data(text.utf8)) }

    func error(_ text: String) -> ClassImportError? {
        #expect(throws: ClassImportError.self) { try ClassCSV.parse(Data(text.utf8)) }
    }

    @Test("a plain file with a byte-order mark and CRLF lines")
    func bomAndCRLF() throws {
        let rows = try parse("\u{FEFF}file,student,title,description\r\na.png,Zoë Ångström,Cat,A cat\r\n")
        #expect(
            rows == [ClassCSVRow(file: "a.png", student: "Zoë Ångström", title: "Cat", description: "A cat", line: 2)])
    }

    @Test("quoted fields hold commas, doubled quotes and line breaks; line numbers follow the physical lines")
    func quoted() throws {
        let rows = try parse(
            """
            file,student,title,description
            "a.png","José","Sea, sky","He said ""waves""
            and then, more"
            b.jpg,王小明,Hills,
            """)
        #expect(rows.count == 2)
        #expect(rows[0].title == "Sea, sky")
        #expect(rows[0].description == "He said \"waves\"\nand then, more")
        #expect(rows[1] == ClassCSVRow(file: "b.jpg", student: "王小明", title: "Hills", description: "", line: 4))
    }

    @Test("columns may come in any order and letter case; extra columns are ignored; blank lines skipped")
    func extraColumns() throws {
        let rows = try parse("Title, FILE ,grade,Student,Description,notes\n\nT,x.png,A,Ann,D,n\n")
        #expect(rows == [ClassCSVRow(file: "x.png", student: "Ann", title: "T", description: "D", line: 3)])
    }

    @Test("a short row leaves its missing trailing fields empty")
    func shortRow() throws {
        #expect(try parse("file,student,title,description\na.png,Ann\n").first?.title == "")
    }

    @Test("a missing column is an error on line 1 naming the column")
    func missingColumn() {
        let e = error("file,student,notes\na.png,Ann,x\n")
        #expect(
            e
                == .csv(
                    file: "class.csv", line: 1,
                    message: "missing columns title, description; the header must be file,student,title,description"))
    }

    @Test("malformed quoting is an error naming the line")
    func malformed() {
        #expect(error("file,student,title,description\na.png,Ann,\"T\"x,d\n").map(line) == 2)
        #expect(error("file,student,title,description\na.png,An\"n,T,d\n").map(line) == 2)
        #expect(error("file,student,title,description\na.png,Ann,T,d\nb.png,Bo,\"open,d\nmore\n").map(line) == 3)
    }

    @Test("NUL, invalid UTF-8, duplicates, paths and empty file names are errors naming the line")
    func rejects() {
        #expect(error("file,student,title,description\na.png,A\0nn,T,d\n").map(line) == 2)
        let latin1 = Data("file,student,title,description\na.png,Zo".utf8) + Data([0xEB]) + Data(",T,d\n".utf8)
        #expect(
            throws: ClassImportError.csv(
                file: "class.csv", line: 2, message: "not valid UTF-8; save the file as CSV UTF-8")
        ) {
            try ClassCSV.parse(latin1)
        }
        #expect(error("file,student,title,description\na.png,A,T,d\nA.PNG,B,T,d\n").map(line) == 3)
        #expect(error("file,student,title,description\n../a.png,A,T,d\n").map(line) == 2)
        #expect(error("file,student,title,description\n,A,T,d\n").map(line) == 2)
    }

    @Test("a formula in a description is kept as text, exactly")
    func formulaKept() throws {
        let rows = try parse("file,student,title,description\na.png,Ann,T,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n")
        #expect(rows.first?.description == "=HYPERLINK(\"http://x\",\"y\")")
    }

    @Test("an empty file has no rows")
    func empty() throws {
        #expect(try parse("").isEmpty)
        #expect(try parse("\u{FEFF}").isEmpty)
    }

    func line(_ error: ClassImportError) -> Int {
        if case .csv(_, let line, _) = error { return line }
        return -1
    }
}
