import Foundation
import Testing

@Suite struct ModelInfoCLITests {
    static let fixture = (EaselBinary.repositoryRoot as NSString).appendingPathComponent(
        "Tests/Fixtures/quant_blocks.gguf")

    @Test("easel model info prints architecture, parameters, tensor types and tokenizer of a GGUF file")
    func info() throws {
        let result = try EaselBinary.run(["model", "info", ModelInfoCLITests.fixture])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("architecture  fixture"))
        #expect(result.stdout.contains("parameters    0.05 M (45056)"))
        #expect(result.stdout.contains("Q4_K 1"))
        #expect(result.stdout.contains("tokenizer     (none)"))
    }

    @Test("200 fuzzed GGUF files: easel model info exits 0 or 1 with one error line naming the file, never crashes")
    func fuzzed() throws {
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ModelInfoCLITests.fixture)))
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-info-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var state: UInt64 = 0xF00D
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let path = (folder as NSString).appendingPathComponent("fuzz.gguf")
        var failures = 0
        for round in 0..<200 {
            var bytes = good
            // Mostly the header, metadata and tensor table (the first 1760 bytes), sometimes a truncation.
            for _ in 0..<(1 + next() % 4) {
                let at = next() % 1760
                switch next() % 3 {
                case 0: bytes[at] ^= UInt8(truncatingIfNeeded: next() | 1)
                case 1: for k in 0..<8 where at + k < bytes.count { bytes[at + k] = 0xFF }
                default: bytes.removeLast(next() % bytes.count)
                }
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let result = try EaselBinary.run(["model", "info", path])
            let lines = result.stderr.split(separator: "\n")
            let ok =
                result.status == 0
                || (result.status == 1 && lines.count == 1 && lines[0].hasPrefix("Error: \(path): "))
            if !ok {
                failures += 1
                Issue.record("round \(round): status \(result.status), stderr \(result.stderr)")
            }
            if failures > 3 { break }
        }
    }
}
