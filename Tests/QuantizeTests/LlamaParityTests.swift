import Foundation
import GGUF
import Quantize
import Tensor
import Testing

/// Easel's Q4_K_M against llama-quantize's on the same F16 model (fixture from make_llama_quantize_fixture.py).
@Suite struct LlamaParityTests {
    @Test("Same tensor types as llama-quantize, per-tensor RMS error within 5% of llama.cpp's, most blocks identical")
    func q4KM() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let f16 = try GGUFFile(path: Support.fixture("tiny-random-f16.gguf"))
        let llama = try GGUFFile(path: Support.fixture("tiny-random-llama-q4_k_m.gguf"))
        let output = folder.appendingPathComponent("easel.gguf").path
        try ModelQuantizer(input: f16, scheme: .q4_k_m).write(to: output)
        let easel = try GGUFFile(path: output)
        #expect(easel.tensors.map(\.name) == llama.tensors.map(\.name))
        #expect(easel.tensors.map(\.type) == llama.tensors.map(\.type))
        #expect(try easel.metadata.int("general.file_type") == llama.metadata.int("general.file_type"))
        let ours = try QuantizationErrorReport(original: f16, quantized: easel)
        let theirs = Dictionary(
            uniqueKeysWithValues: try QuantizationErrorReport(original: f16, quantized: llama).rows.map {
                ($0.name, $0)
            })
        #expect(ours.rows.count == 4 * 7 + 1)
        for row in ours.rows {
            let other = try #require(theirs[row.name])
            let ratio = row.rmsError / other.rmsError
            #expect(ratio <= 1.05, "\(row.name) (\(row.type)): Easel/llama.cpp RMS error \(ratio)")
        }
        // The searches are ggml's, so blocks come out bit-identical: measured 6016 of 6016 here. A native llama.cpp
        // build may fuse multiply-adds (GCC contracts by default), which changed 1-2% of blocks on other data.
        var same = 0
        var total = 0
        for t in easel.tensors where t.type != .f32 {
            let a = easel.bytes(of: t)
            let b = llama.bytes(of: try llama.requireTensor(t.name))
            for block in 0..<t.byteCount / t.type.blockBytes {
                let r = block * t.type.blockBytes..<(block + 1) * t.type.blockBytes
                if a[r].elementsEqual(b[r]) { same += 1 }
                total += 1
            }
        }
        #expect(Double(same) / Double(total) > 0.98, "\(same) of \(total) blocks identical to llama.cpp's")
    }
}
