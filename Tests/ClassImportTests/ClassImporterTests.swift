import EaselTestSupport
import Foundation
import Imaging
import Store
import Testing

@testable import ClassImport

@Suite struct ClassImporterTests {
    @Test("class.csv and a sidecar give students, titles and descriptions; a second import adds nothing")
    func importTwice() throws {
        let folder = try ImportFolder()
        try folder.png("b.PNG", index: 1)
        _ = try folder.jpeg("a.JPG", index: 2)
        try folder.png("c.png", index: 3)
        try folder.write("c.txt", text: "\u{FEFF}A sidecar description.\n")
        try folder.write(
            "class.csv",
            text: "file,student,title,description,grade\r\na.jpg,Zoë Ångström,\"Sea, sky\",\"Two\nlines\",A\r\n"
                + "b.PNG,José,Hills,,B\r\n")
        try folder.write("notes.docx", text: "not an image")
        let store = try Store(path: folder.database)
        let report = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        #expect(report.added == ["a.JPG", "b.PNG", "c.png"])
        #expect(report.failures.isEmpty)
        #expect(report.skipped == ["notes.docx"])
        #expect(report.warnings.isEmpty)
        let klass = try store.requireClass("7B")
        let results = try store.results(classID: klass.id)
        #expect(results.map(\.studentName) == ["Zoë Ångström", "José", nil])
        #expect(results.map(\.artwork.title) == ["Sea, sky", "Hills", ""])
        #expect(results.map(\.artwork.description) == ["Two\nlines", "", "A sidecar description."])
        #expect(results.allSatisfy { $0.artwork.width == 48 && $0.artwork.height == 32 })
        #expect(results[0].artwork.filePath == folder.path("a.JPG"))

        let again = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        #expect(again.added.isEmpty && again.updated.isEmpty)
        #expect(again.unchanged.count == 3)
        #expect(try store.artworks(classID: klass.id).count == 3)
    }

    @Test("a changed description in class.csv updates the artwork in place")
    func changedDescription() throws {
        let folder = try ImportFolder()
        try folder.png("a.png", index: 1)
        try folder.write("class.csv", text: "file,student,title,description\na.png,Ann,T,First\n")
        let store = try Store(path: folder.database)
        _ = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        try folder.write("class.csv", text: "file,student,title,description\na.png,Ann,T,Second thoughts\n")
        let report = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        #expect(report.updated == ["a.png"])
        let artworks = try store.artworks(classID: try store.requireClass("7B").id)
        #expect(artworks.map(\.description) == ["Second thoughts"])
        #expect(try store.auditEntries(artworkID: artworks[0].id).map(\.action) == [.updateArtwork])
    }

    @Test("bad files are reported as file: reason while the rest import")
    func badFiles() throws {
        let folder = try ImportFolder()
        try folder.png("good.png", index: 1)
        try folder.write("text.png", text: "I am a text file with an image's name\n")
        try folder.write("empty.jpg", Data())
        let jpeg = try folder.jpeg("whole.jpg", index: 2, width: 200, height: 150)
        try folder.write("truncated.jpg", jpeg.prefix(jpeg.count / 2))
        var corrupt = jpeg
        for i in stride(from: jpeg.count / 3, to: jpeg.count - 10, by: 7) { corrupt[i] = 0xFF }
        try folder.write("corrupt.jpeg", corrupt)
        let store = try Store(path: folder.database)
        let report = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        #expect(report.added == ["good.png", "whole.jpg"])
        #expect(Set(report.failures.map(\.file)) == ["text.png", "empty.jpg", "truncated.jpg", "corrupt.jpeg"])
        for failure in report.failures {
            #expect(!failure.reason.isEmpty && !failure.reason.contains("\n"), "\(failure)")
        }
        #expect(report.failures.first { $0.file == "text.png" }?.reason.contains("not an image") == true)
        #expect(report.hasFailures)
    }

    @Test("the same picture twice in a folder is imported once, with a warning")
    func duplicates() throws {
        let folder = try ImportFolder()
        try folder.png("a.png", index: 1)
        try folder.png("copy of a.png", index: 1)
        let store = try Store(path: folder.database)
        let report = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        #expect(report.added == ["a.png"])
        #expect(report.warnings == ["copy of a.png: the same picture as a.png; imported once"])
    }

    @Test("a malformed class.csv stops the import before anything is stored, naming the line")
    func malformedCSV() throws {
        let folder = try ImportFolder()
        try folder.png("a.png", index: 1)
        try folder.write("class.csv", text: "file,student,title,description\na.png,Ann,\"unclosed,d\n")
        let store = try Store(path: folder.database)
        #expect(
            throws: ClassImportError.csv(
                file: "class.csv", line: 2, message: "a quoted field starts here and is never closed")
        ) {
            try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        }
        #expect(try store.classNamed("7B") == nil)
    }

    @Test("a class.csv row without its image is a warning; a name that differs only in case still matches")
    func csvMatching() throws {
        let folder = try ImportFolder()
        try folder.png("Cat.PNG", index: 1)
        try folder.write("class.csv", text: "file,student,title,description\ncat.png,Ann,T,D\nmissing.png,Bo,T,D\n")
        let store = try Store(path: folder.database)
        let report = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        #expect(report.warnings == ["class.csv line 3: missing.png is not an image in the folder"])
        #expect(try store.results(classID: try store.requireClass("7B").id).first?.studentName == "Ann")
    }

    @Test("a missing folder or a file instead of a folder is a clear error")
    func badFolder() throws {
        let folder = try ImportFolder()
        let store = try Store(path: folder.database)
        #expect(throws: ClassImportError.folderNotFound("/nonexistent/easel")) {
            try ClassImporter(store: store).importFolder("/nonexistent/easel", className: "x")
        }
        #expect(throws: ClassImportError.notAFolder(folder.database)) {
            try ClassImporter(store: store).importFolder(folder.database, className: "x")
        }
    }

    @Test("a sidecar with a NUL character fails that file only")
    func sidecarNUL() throws {
        let folder = try ImportFolder()
        try folder.png("a.png", index: 1)
        try folder.png("b.png", index: 2)
        try folder.write("a.png.txt", text: "bad\0text")
        let store = try Store(path: folder.database)
        let report = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        #expect(report.added == ["b.png"])
        #expect(
            report.failures == [ImportFailure(file: "a.png.txt", reason: "the description contains a NUL character")])
    }

    @Test(
        "the 12 MP phone photo behind a .png name imports upright as 3024×4032",
        .enabled(if: RepositoryPaths.sharedImage("drawing-garlic.png") != nil, "needs ../shared/data/images"))
    func phonePhoto() throws {
        let photo = try #require(RepositoryPaths.sharedImage("drawing-garlic.png"))
        let folder = try ImportFolder()
        try FileManager.default.copyItem(atPath: photo, toPath: folder.path("drawing-garlic.png"))
        let store = try Store(path: folder.database)
        let report = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        #expect(report.added == ["drawing-garlic.png"])
        let artwork = try #require(try store.artworks(classID: try store.requireClass("7B").id).first)
        #expect(artwork.width == 3024 && artwork.height == 4032)
        #expect(artwork.sha256 == ArtworkFile.sha256Hex(try Data(contentsOf: URL(fileURLWithPath: photo))))
    }

    @Test("the bundled Samples import with students for every artwork")
    func samples() throws {
        let folder = try ImportFolder()
        let store = try Store(path: folder.database)
        let report = try ClassImporter(store: store).importFolder(RepositoryPaths.samples, className: "demo")
        #expect(report.added.count >= 12)
        #expect(report.failures.isEmpty && report.warnings.isEmpty)
        #expect(report.skipped == ["generate.py"])
        let results = try store.results(classID: try store.requireClass("demo").id)
        #expect(results.allSatisfy { $0.studentName != nil && !$0.artwork.title.isEmpty })
    }
}

/// File-system oddities from issue 10's smaller items: each is one clear line, and the rest imports.
@Suite struct OddFileTests {
    @Test("a FIFO named like a picture is 'not a regular file' (not 'empty'), without waiting for a writer")
    func fifo() throws {
        let folder = try ImportFolder()
        try folder.png("good.png", index: 1)
        #expect(mkfifo(folder.path("pipe.png"), 0o600) == 0)
        let store = try Store(path: folder.database)
        let report = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        #expect(report.added == ["good.png"])
        #expect(report.failures.map(\.file) == ["pipe.png"])
        #expect(report.failures.first?.reason.hasPrefix("not a regular file") == true)
    }

    @Test("a file name that is not UTF-8 is named (with U+FFFD) and asked to be renamed; the rest imports")
    func nonUTF8Name() throws {
        let folder = try ImportFolder()
        try folder.png("good.png", index: 1)
        let png = try PNGEncoder.encode(SyntheticImages.image(index: 2, width: 48, height: 32))
        let name = Array(folder.images.utf8) + Array("/bad".utf8) + [0xFF, 0xFE] + Array(".png".utf8) + [0]
        let fd = name.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o600) }
        }
        try #require(fd >= 0)
        _ = png.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let store = try Store(path: folder.database)
        let report = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        #expect(report.added == ["good.png"])
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.file == "bad\u{FFFD}\u{FFFD}.png")
        #expect(report.failures.first?.reason.contains("not valid UTF-8") == true)
    }
}

@Suite struct StudentIDImportTests {
    @Test("an id or student_id column in class.csv is kept per student, updated when it changes, and reported")
    func studentIDs() throws {
        let rows = try ClassCSV.parse(Data("file,student,title,description,Student_ID\na.png,Ann,T,D, S-7 \n".utf8))
        #expect(rows.first?.studentID == "S-7")
        #expect(
            try ClassCSV.parse(Data("id,file,student,title,description\n42,a.png,Ann,T,D\n".utf8)).first?.studentID
                == "42")
        #expect(try ClassCSV.parse(Data("file,student,title,description\na.png,Ann,T,D\n".utf8)).first?.studentID == "")

        let folder = try ImportFolder()
        try folder.png("a.png", index: 1)
        try folder.png("b.png", index: 2)
        try folder.write("class.csv", text: "file,student,title,description,id\na.png,Zoë,T,D,S-1\nb.png,Bo,T,D,\n")
        let store = try Store(path: folder.database)
        _ = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        let klass = try store.requireClass("7B")
        #expect(try store.results(classID: klass.id).map(\.studentExternalID) == ["S-1", nil])
        try folder.write("class.csv", text: "file,student,title,description,id\na.png,Zoë,T,D,S-9\nb.png,Bo,T,D,B-2\n")
        _ = try ClassImporter(store: store).importFolder(folder.images, className: "7B")
        #expect(try store.results(classID: klass.id).map(\.studentExternalID) == ["S-9", "B-2"])
        #expect(try store.students(classID: klass.id).map(\.externalID) == ["B-2", "S-9"])
    }
}
