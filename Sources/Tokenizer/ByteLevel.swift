/// GPT-2's byte-level alphabet: every byte maps to one printable Unicode scalar, so a byte string becomes a
/// string without spaces or control characters. Bytes 33–126, 161–172 and 174–255 map to themselves; the
/// other 68 bytes map to U+0100, U+0101, … in increasing byte order (space → `Ġ`, newline → `Ċ`).
enum ByteLevel {
    /// The scalar value for each byte.
    static let scalarForByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var next: UInt32 = 256
        for byte in 0..<256 {
            if (33...126).contains(byte) || (161...172).contains(byte) || (174...255).contains(byte) {
                table[byte] = UInt32(byte)
            } else {
                table[byte] = next
                next += 1
            }
        }
        return table
    }()

    /// The byte for each scalar value below `scalarLimit`, or -1 for scalars outside the alphabet.
    static let byteForScalar: [Int16] = {
        var table = [Int16](repeating: -1, count: scalarLimit)
        for (byte, scalar) in scalarForByte.enumerated() { table[Int(scalar)] = Int16(byte) }
        return table
    }()

    /// One past the largest scalar value of the alphabet.
    static let scalarLimit = 324

    /// The bytes a byte-level token string stands for, or nil when it holds a scalar outside the alphabet.
    static func bytes(of token: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(token.utf8.count)
        for scalar in token.unicodeScalars {
            let value = Int(scalar.value)
            guard value < scalarLimit else { return nil }
            let byte = byteForScalar[value]
            guard byte >= 0 else { return nil }
            out.append(UInt8(byte))
        }
        return out
    }

    /// The byte-level token string for a byte string.
    static func string(of bytes: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(scalarForByte[Int(byte)])!) }
        return String(scalars)
    }
}
