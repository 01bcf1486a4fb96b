import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 10's smaller item: "a 16-bit 10000×10000 PNG takes 720 MB per decode" (the 8-bit RGB output plus a whole
/// RGBA copy). The PNG decoder now reads row by row, so grading the picture peaks at the program plus its 8-bit RGB output.
/// The peak is the child's own `ru_maxrss` (wait4), not the test process's.
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
    static func peak(_ binary: String, _ arguments: [String]) throws -> (status: Int32, mebibytes: Double) {
        var argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        try #require(posix_spawn(&pid, binary, &actions, nil, &argv, environ) == 0)
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        return ((status >> 8) & 0xFF, Double(usage.ru_maxrss) / 1024)
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
        #expect(try Self.peak(binary, ["import", images.path, "--class", "P", "--db", db]).status == 0)
        let graded = try Self.peak(binary, ["grade", "--class", "P", "--db", db])
        #expect(graded.status == 0)
        // Measured: 173 MiB = about 60 MiB of program (grading the 15 Samples peaks at 60 MiB) + the 103 MiB RGB
        // output. The old decoder also held a whole 8-bit RGBA copy (137 MiB here; at 10000×10000 it made 720 MB).
        print("grading a 16-bit RGBA 6000×6000 PNG: peak \(Int(graded.mebibytes)) MiB")
        #expect(graded.mebibytes < 225, "peak \(graded.mebibytes) MiB")
    }
}
