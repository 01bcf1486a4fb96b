import Foundation
import GGUF
import Testing

/// A model whose weights hold NaN: `model run --json` still prints one JSON object (NaN as null) and warns in one
/// line, instead of failing with an EncodingError (issue 10, smaller items).
@Suite struct NaNModelCLITests {
    @Test("NaN logits are written as null with a one-line warning; the JSON stays valid")
    func nanLogits() throws {
        let fixture = URL(fileURLWithPath: EaselBinary.repositoryRoot)
            .appendingPathComponent("Tests/QwenVLTests/Fixtures/tiny-untied-f32.gguf").path
        let copy = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-nan-\(UUID().uuidString).gguf")
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: fixture, toPath: copy)
        let info = try #require(try GGUFFile(path: fixture).tensor("output_norm.weight"))
        try #require(info.type == .f32)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: copy))
        try handle.seek(toOffset: UInt64(info.fileOffset))
        var nan = Float.nan
        try handle.write(contentsOf: Data(bytes: &nan, count: 4))
        try handle.close()
        let output = try EaselBinary.run([
            "model", "run", "--model", copy, "--tokens", "1,2,3", "--max-tokens", "2", "--temperature", "0", "--json",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let top = try #require(object["top_logits"] as? [[Any]])
        #expect(top.allSatisfy { $0.count == 2 && $0[1] is NSNull })
        #expect(output.stderr.contains("not numbers (NaN or infinity)"))
        #expect(!output.stderr.contains("EncodingError"))
    }
}
