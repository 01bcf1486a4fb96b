import GGUF
import Testing

@Suite struct FuzzTests {
    @Test("100,000 random mutations of a valid file (byte flips, truncations, length edits) never crash the reader")
    func mutations() throws {
        let good = try Samples.small()
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        let interesting: [UInt64] = [
            0, 1, 2, 3, 7, 31, 32, 255, 256, 1 << 31, 1 << 32, 1 << 62, UInt64.max, UInt64.max - 1,
        ]
        var parsed = 0
        var rejected = 0
        for _ in 0..<100_000 {
            var bytes = good
            for _ in 0..<(1 + Int(next() % 3)) {
                switch next() % 4 {
                case 0:  // flip bits of one byte
                    let i = Int(next() % UInt64(bytes.count))
                    bytes[i] ^= UInt8(truncatingIfNeeded: next() | 1)
                case 1:  // truncate
                    bytes.removeLast(Int(next() % UInt64(bytes.count)))
                    if bytes.isEmpty { bytes = [0x47] }
                case 2:  // overwrite a 4- or 8-byte field with an interesting value
                    let width = next() & 1 == 0 ? 4 : 8
                    guard bytes.count > width else { continue }
                    let i = Int(next() % UInt64(bytes.count - width))
                    let v = interesting[Int(next() % UInt64(interesting.count))] &+ (next() % 3)
                    for k in 0..<width { bytes[i + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) }
                default:  // random byte
                    let i = Int(next() % UInt64(bytes.count))
                    bytes[i] = UInt8(truncatingIfNeeded: next())
                }
            }
            do {
                let file = try GGUFFile(bytes: bytes, name: "fuzz.gguf")
                _ = file.summary()
                for t in file.tensors { _ = try? file.floats(t.name) }
                parsed += 1
            } catch {
                #expect(!error.description.isEmpty && !error.description.contains("\n"))
                rejected += 1
            }
        }
        #expect(parsed + rejected == 100_000)
        #expect(rejected > 10_000)
    }
}
