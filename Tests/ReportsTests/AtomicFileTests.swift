import Foundation
import Testing

@testable import Reports

@Suite struct AtomicFileTests {
    @Test("writing replaces the file whole and leaves no temporary file behind")
    func replaces() throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = (folder as NSString).appendingPathComponent("report.csv")
        try AtomicFile.write(Data("old".utf8), to: path)
        try AtomicFile.write(Data("new contents".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("new contents".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.csv"])
    }

    @Test("a full disk is reported as such")
    func diskFull() throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0, "/dev/full is not available")
        defer { close(fd) }
        #expect(throws: ReportsError.diskFull(path: "x.csv")) {
            try AtomicFile.writeAll(Data(repeating: 1, count: 100_000), to: fd, path: "x.csv")
        }
        #expect(ReportsError.diskFull(path: "x.csv").description.contains("disk is full"))
    }

    @Test("a missing folder is a clear error")
    func missingFolder() {
        #expect(throws: ReportsError.cannotWrite(path: "/nonexistent-easel/r.csv", reason: "the folder does not exist"))
        {
            try AtomicFile.write(Data("x".utf8), to: "/nonexistent-easel/r.csv")
        }
    }
}
