import Foundation
import Testing

/// Issue 10's smaller item: "a 16-bit 10000×10000 PNG takes 720 MB per decode" (the 8-bit RGB output plus a whole
/// RGBA copy). The PNG decoder now reads row by row, so grading the picture peaks at the program plus its 8-bit RGB output.
/// The peak is easel's own `ru_maxrss` (see `peak`), not the test process's.
@Suite struct LargePNGMemoryTests {
    /// Writes a 6000×6000 16-bit RGBA PNG (bands of a 50-pixel pattern, half of it half transparent) with
    /// Python's zlib: the raw samples are 275 MiB, the file about 1 MB (rows repeat within zlib's window).
    static func writePNG(to path: String) throws {
        let script = """
            import struct, sys, zlib
            w = h = 6000
            def chunk(kind, data):
                return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
            with open(sys.argv[1], "wb") as f:
                f.write(b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 6, 0, 0, 0)))
                z, out = zlib.compressobj(9), bytearray()
                for y in range(h):
                    if y % 250 == 0:
                        cell = b"".join(struct.pack(">HHHH", 4000 + 600 * x, 20000 * ((y // 250) % 4), 30000,
                                                    32768 if x < 25 else 65535) for x in range(50))
                        row = b"\\x00" + cell * (w // 50)
                    out += z.compress(row)
                out += z.flush()
                f.write(chunk(b"IDAT", bytes(out)) + chunk(b"IEND", b""))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 could not write the test PNG")
    }

    /// Runs easel to completion (output discarded); returns its exit status and peak resident memory in MiB.
    ///
    /// The peak is `ru_maxrss` from wait4 in a small Python process that forks and execs easel: Linux carries the
    /// memory high-water mark of the process image an exec replaces into the new one, so easel spawned straight
    /// from this test process (hundreds of MiB in a full test run) reported up to 353 MiB for a 173 MiB run.
    /// Its environment is only `home` (as HOME, the XDG folders and EASEL_CONFIG below it) and PATH, so no
    /// settings file of the machine or of another test can change what it does.
    static func peak(_ binary: String, _ arguments: [String], home: String) throws -> (status: Int32, mebibytes: Double)
    {
        let script = """
            import os, sys
            pid = os.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:])
            _, status, usage = os.wait4(pid, 0)
            print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, binary] + arguments
        process.environment = [
            "HOME": home, "XDG_CONFIG_HOME": "\(home)/config", "XDG_DATA_HOME": "\(home)/data",
            "XDG_CACHE_HOME": "\(home)/cache", "EASEL_CONFIG": "\(home)/config.toml", "PATH": "/usr/bin:/bin",
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let words = text.split(whereSeparator: \.isWhitespace).suffix(2).compactMap { Int($0) }
        try #require(words.count == 2, "no status and peak from the wrapper: \(text)")
        return (Int32(words[0]), Double(words[1]) / 1024)
    }

    @Test(
        "Grading a 16-bit RGBA 6000×6000 PNG peaks near its 8-bit RGB size, without a whole RGBA copy",
        .enabled(if: EaselBinary.path != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func sixteenBitPeak() throws {
        let binary = try #require(EaselBinary.path)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("easel-png16-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let images = folder.appendingPathComponent("class")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try Self.writePNG(to: images.appendingPathComponent("huge16.png").path)
        let db = folder.appendingPathComponent("easel.sqlite").path
        #expect(
            try Self.peak(binary, ["import", images.path, "--class", "P", "--db", db], home: folder.path).status == 0)
        let graded = try Self.peak(binary, ["grade", "--class", "P", "--db", db], home: folder.path)
        #expect(graded.status == 0)
        // Measured: 173 MiB = about 60 MiB of program (grading the 15 Samples peaks at 60 MiB) + the 103 MiB RGB
        // output. The old decoder also held a whole 8-bit RGBA copy (137 MiB here; at 10000×10000 it made 720 MB).
        print("grading a 16-bit RGBA 6000×6000 PNG: peak \(Int(graded.mebibytes)) MiB")
        #expect(graded.mebibytes < 225, "peak \(graded.mebibytes) MiB")
    }
}
