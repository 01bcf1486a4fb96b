import Foundation
import GGUF
import Quantize
import QwenVL
import Tensor
import Testing

/// Whole files: metadata, tensor types, values, the engine running the result, and refusals.
@Suite struct ModelQuantizerTests {
    /// Rewrites `path` with every tensor as F32 (quantized ones dequantized), metadata unchanged but the file type.
    static func writeF32(from path: String, to out: String) throws {
        let file = try GGUFFile(path: path)
        var writer = GGUFWriter(alignment: file.alignment)
        for key in file.metadata.keys where key != "general.alignment" {
            writer.set(key, file.metadata[key]!)
        }
        writer.set("general.file_type", .uint32(0))
        for t in file.tensors {
            try writer.addTensor(name: t.name, dims: t.dims, floats: try file.floats(t.name))
        }
        try writer.write(to: out)
    }

    @Test("Q8_0 of the tiny F32 model: metadata copied, file type 7, every matrix within Q8_0's error, rest exact")
    func q8Values() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = Support.modelFixture("tiny-untied-f32.gguf")
        let output = folder.appendingPathComponent("q8.gguf").path
        var reports: [(Int, Int)] = []
        try ModelQuantizer(path: input, scheme: .q8_0).write(to: output) { reports.append(($0, $1)) }
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
        #expect(reports.last.map { $0.0 == $0.1 } == true, "progress ends at the total")
        let original = try GGUFFile(path: input)
        let quantized = try GGUFFile(path: output)
        #expect(try quantized.metadata.int("general.file_type") == 7)
        #expect(try quantized.metadata.int("general.quantization_version") == 2)
        for key in original.metadata.keys where key != "general.file_type" {
            #expect(quantized.metadata[key] == original.metadata[key], "\(key)")
        }
        #expect(quantized.tensors.map(\.name).sorted() == original.tensors.map(\.name).sorted())
        // llama-quantize's order: outside the blocks first, then by layer, by name within a layer.
        #expect(
            quantized.tensors.prefix(3).map(\.name) == ["output.weight", "output_norm.weight", "token_embd.weight"])
        #expect(quantized.tensors[3].name == "blk.0.attn_k.bias")
        for t in original.tensors {
            let q = try quantized.requireTensor(t.name)
            #expect(q.dims == t.dims)
            let x = try original.floats(t.name)
            let y = try quantized.floats(t.name)
            if t.dims.count == 1 {
                #expect(q.type == .f32 && x == y, "\(t.name) is copied")
            } else {
                #expect(q.type == .q8_0, "\(t.name)")
                #expect(Support.rmsError(x, y) < 0.006 * Support.rms(x), "\(t.name)")
            }
        }
    }

    @Test("Q4_K_M of a 256-wide model reproduces llama-quantize's type layout, and the engine generates from it")
    func q4KMRuns() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = Support.modelFixture("tiny-tied-q4_k_m.gguf")  // laid out by llama.cpp's Q4_K_M rules
        let f32 = folder.appendingPathComponent("f32.gguf").path
        let output = folder.appendingPathComponent("q4km.gguf").path
        try Self.writeF32(from: reference, to: f32)
        let quantizer = try ModelQuantizer(path: f32, scheme: .q4_k_m)
        try quantizer.write(to: output)
        let original = try GGUFFile(path: reference)
        let quantized = try GGUFFile(path: output)
        #expect(try quantized.metadata.int("general.file_type") == 15)
        for t in original.tensors { #expect(try quantized.requireTensor(t.name).type == t.type, "\(t.name)") }
        // Requantizing values that are already on a Q4_K/Q6_K grid loses little.
        for t in original.tensors where t.dims.count > 1 {
            let x = try original.floats(t.name)
            let y = try quantized.floats(t.name)
            #expect(Support.rmsError(x, y) < 0.05 * Support.rms(x), "\(t.name)")
        }
        let model = try QwenVLModel(path: output)
        let baseline = try QwenVLModel(path: reference)
        let options = GenerationOptions(maxTokens: 8, stopAtEndOfTurn: false)
        let prompt = [353, 72, 198, 87, 170, 113, 87, 137]
        let ours = try model.generate(prompt: prompt, options: options)
        let theirs = try baseline.generate(prompt: prompt, options: options)
        #expect(ours.tokens.count == 8)
        #expect(!ours.text.isEmpty)
        #expect(ours.topLogits.first?.id == theirs.topLogits.first?.id, "the first greedy token stays the same")
    }

    @Test("A file that is already quantized, damaged, or the output itself is refused with one line naming it")
    func refusals() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let quantized = Support.modelFixture("tiny-tied-q4_k_m.gguf")
        #expect {
            try ModelQuantizer(path: quantized, scheme: .q8_0)
        } throws: { error in
            let text = String(describing: error)
            return text.contains(quantized) && text.contains("is already Q6_K") && !text.contains("\n")
        }
        let junk = folder.appendingPathComponent("junk.gguf").path
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: junk))
        #expect {
            try ModelQuantizer(path: junk, scheme: .q4_k_m)
        } throws: { error in
            String(describing: error).contains(junk) && !String(describing: error).contains("\n")
        }
        let f32 = Support.modelFixture("tiny-untied-f32.gguf")
        #expect(throws: QuantizeError.sameFile(file: f32)) {
            try ModelQuantizer(path: f32, scheme: .q8_0).write(to: f32)
        }
        let missingFolder = folder.appendingPathComponent("no/such/out.gguf").path
        #expect {
            try ModelQuantizer(path: f32, scheme: .q8_0).write(to: missingFolder)
        } throws: { error in String(describing: error).contains(missingFolder) }
    }
}
