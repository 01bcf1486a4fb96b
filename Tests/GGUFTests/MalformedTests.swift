import Foundation
import GGUF
import Testing

@Suite struct MalformedTests {
    static func message(_ bytes: [UInt8]) -> String? {
        do {
            _ = try GGUFFile(bytes: bytes, name: "bad.gguf")
            return nil
        } catch {
            return error.description
        }
    }

    static func patch(_ bytes: [UInt8], at offset: Int, _ value: UInt64, width: Int = 8) -> [UInt8] {
        var b = bytes
        for i in 0..<width { b[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
        return b
    }

    /// Offset of the first byte after `needle`'s first occurrence.
    static func find(_ needle: String, in bytes: [UInt8]) -> Int {
        let n = Array(needle.utf8)
        for i in 0...(bytes.count - n.count) where Array(bytes[i..<i + n.count]) == n { return i + n.count }
        return -1
    }

    @Test("bad headers give one-line errors that name the file")
    func headers() throws {
        let good = try Samples.small()
        let cases: [([UInt8], String)] = [
            ([], "shorter than a GGUF header"),
            (Array("not a gguf file at all, no".utf8), "does not start with the bytes 'GGUF'"),
            (Self.patch(good, at: 4, 1, width: 4), "version 1 is not supported"),
            (Self.patch(good, at: 4, 0x0300_0000, width: 4), "big-endian"),
            (Self.patch(good, at: 8, 1 << 40), "tensor count"),
            (Self.patch(good, at: 16, UInt64.max), "metadata count"),
            (Array(good[0..<400]), "file ends"),
            (Array(good[0..<(good.count - 10)]), "runs past the end"),
        ]
        for (bytes, fragment) in cases {
            let text = try #require(Self.message(bytes))
            #expect(text.hasPrefix("bad.gguf: "), "\(text)")
            #expect(text.contains(fragment), "\(text)")
            #expect(!text.contains("\n"))
        }
    }

    @Test("bad metadata and tensor entries are caught")
    func entries() throws {
        let good = try Samples.small()
        // The length of the first key's string ("general.architecture") sits at byte 24.
        #expect(Self.message(Self.patch(good, at: 24, 1 << 50))!.contains("claims"))
        // The value type of the first key.
        let typeAt = Self.find("general.architecture", in: good)
        #expect(Self.message(Self.patch(good, at: typeAt, 99, width: 4))!.contains("unknown value type 99"))
        // The element count of the token array.
        let tokensAt = Self.find("tokenizer.ggml.tokens", in: good) + 4 + 4
        #expect(Self.message(Self.patch(good, at: tokensAt, 1 << 60))!.contains("elements"))
        // Tensor 'w.q8': dims [64, 3], type 8, offset.
        let q8 = Self.find("w.q8", in: good)
        #expect(Self.message(Self.patch(good, at: q8, 7, width: 4))!.contains("dimensions"))
        #expect(Self.message(Self.patch(good, at: q8 + 4, 63))!.contains("not a multiple"))
        #expect(Self.message(Self.patch(good, at: q8 + 4, UInt64.max))!.contains("too large"))
        #expect(Self.message(Self.patch(good, at: q8 + 12, 1 << 40))!.contains("runs past the end"))
        #expect(Self.message(Self.patch(good, at: q8 + 20, 10, width: 4))!.contains("Q2_K"))
        #expect(Self.message(Self.patch(good, at: q8 + 24, 40))!.contains("not a multiple of 32"))
        #expect(Self.message(Self.patch(good, at: q8 + 24, 1 << 20))!.contains("runs past the end"))
    }

    @Test("duplicate keys and tensors, and a bad alignment key are refused")
    func duplicates() throws {
        var w = GGUFWriter()
        w.set("general.alignment", .uint32(24))
        #expect(Self.message(w.encoded())!.contains("power of two"))
        let good = try Samples.small()
        // Rename "test.i16" to "test.u16" (same length) to duplicate a key.
        let at = Self.find("test.i16", in: good) - 3
        var dup = good
        dup[at] = UInt8(ascii: "u")
        #expect(Self.message(dup)!.contains("appears twice"))
        // Deep nesting is bounded.
        var deep = GGUFValue.array(.uint8, [])
        for _ in 0..<20 { deep = .array(.array, [deep]) }
        var d = GGUFWriter()
        d.set("deep", deep)
        #expect(Self.message(d.encoded())!.contains("nests arrays deeper"))
    }

    @Test("opening a missing path, a directory or an empty file fails with a clear message")
    func files() throws {
        #expect(throws: GGUFError.self) { try GGUFFile(path: "/nonexistent/model.gguf") }
        do {
            _ = try GGUFFile(path: "/tmp")
            Issue.record("a directory opened")
        } catch {
            #expect(error.description == "/tmp: cannot open: not a regular file")
        }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("easel-empty-\(getpid()).gguf").path
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(throws: GGUFError.malformed(file: empty, reason: "the file is empty")) { try GGUFFile(path: empty) }
    }
}
