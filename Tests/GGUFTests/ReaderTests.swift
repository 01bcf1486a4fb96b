import Foundation
import GGUF
import Tensor
import Testing

@Suite struct ReaderTests {
    @Test("reads gguf-py's file: every value type, nested arrays, tensor table, alignment")
    func readsPythonFixture() throws {
        let file = try GGUFFile(path: Samples.fixturesDirectory.appendingPathComponent("quant_blocks.gguf").path)
        let m = file.metadata
        #expect(file.version == 3 && file.alignment == 32)
        #expect(file.architecture == "fixture")
        #expect(try m.int("test.u8") == 200 && m["test.u8"] == .uint8(200))
        #expect(try m.int("test.i8") == -100)
        #expect(try m.int("test.u16") == 60000)
        #expect(try m.int("test.i16") == -30000)
        #expect(try m.int("test.u32") == 4_000_000_000)
        #expect(try m.int("test.i32") == -2_000_000_000)
        #expect(try m.float("test.f32") == 0.15625)
        #expect(try m.bool("test.bool"))
        #expect(try m.string("test.string") == "héllo, wörld ✓")
        #expect(m["test.u64"] == .uint64(1 << 63 + 5))
        #expect(try m.int("test.i64") == -(1 << 62))
        #expect(m["test.f64"] == .float64(2.718281828459045))
        #expect(try m.ints("test.ints") == [16, 24, 24, 0])
        #expect(try m.floats("test.floats") == [0.5, -1.25])
        #expect(try m.strings("test.strings") == ["a", "", "Ġthe", "<|im_end|>"])
        #expect(
            m["test.nested"] == .array(.array, [.array(.int32, [.int32(1), .int32(2)]), .array(.int32, [.int32(3)])]))
        #expect(file.tensors.count == 22)
        let q4k = try #require(file.tensor("Q4_K.raw"))
        #expect(q4k.type == .q4_K && q4k.dims == [512, 4] && q4k.byteCount == 4 * 2 * 144)
        #expect(q4k.fileOffset % 32 == 0 && q4k.fileOffset >= file.dataOffset)
    }

    @Test("typed accessors accept any integer width and report missing keys and wrong types")
    func accessors() throws {
        let file = try GGUFFile(bytes: try Samples.small(), name: "tiny.gguf")
        let m = file.metadata
        #expect(try m.int("qwen2vl.block_count") == 2)
        #expect(try m.int("qwen2vl.embedding_length") == 64)
        #expect(try m.int("test.u16") == 65535 && m.int("test.i8") == -3)
        #expect(try m.float("qwen2vl.context_length") == 4096)
        #expect(try m.int("absent", default: 9) == 9)
        #expect(try m.floats("test.empty") == [])
        #expect(throws: GGUFError.missingKey(file: "tiny.gguf", key: "absent")) { try m.int("absent") }
        #expect(
            throws: GGUFError.wrongKeyType(
                file: "tiny.gguf", key: "general.name", expected: "an integer", found: "string")
        ) {
            try m.int("general.name")
        }
        #expect(throws: GGUFError.self) { try m.strings("qwen2vl.rope.dimension_sections") }
        #expect(m.arrayCount("tokenizer.ggml.tokens") == 4)
        #expect(m.keys.first == "general.architecture")
    }

    @Test("the Swift writer round-trips through the reader, with 64-byte alignment too")
    func roundTrip() throws {
        for alignment in [32, 64] {
            let writer = try Samples.smallWriter(alignment: alignment)
            let file = try GGUFFile(bytes: writer.encoded())
            #expect(file.alignment == alignment)
            #expect(
                file.metadata["test.nested"]
                    == .array(.array, [.array(.uint8, [.uint8(1)]), .array(.string, [.string("x")])]))
            #expect(try file.floats("norm") == (0..<64).map { Float($0) })
            let q8 = try file.matrix("w.q8", rows: 3, cols: 64)
            #expect(q8.type == .q8_0 && q8.rowBytes == 68)
            for t in file.tensors { #expect(t.fileOffset % alignment == 0) }
            #expect(throws: GGUFError.self) { try file.matrix("w.q8", rows: 4) }
            #expect(throws: GGUFError.missingTensor(file: "<memory>", tensor: "nope")) { try file.matrix("nope") }
        }
    }

    @Test("writes to disk, maps the file, and summarises it")
    func diskAndSummary() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("easel-gguf-\(getpid()).gguf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Samples.smallWriter().write(to: path)
        let file = try GGUFFile(path: path)
        let s = file.summary()
        #expect(s.architecture == "qwen2vl" && s.contextLength == 4096 && s.blockCount == 2)
        #expect(s.parameterCount == 64 + 192 + 512)
        #expect(s.vocabularySize == 4 && s.tokenizerModel == "gpt2" && s.fileType == "Q4_K_M")
        #expect(s.tensorTypes.map(\.count) == [1, 1, 1])
    }
}
