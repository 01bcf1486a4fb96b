/// Why parsing failed (wrapped into `GGUFError.malformed` with the file name).
struct ParseFailure: Error {
    let reason: String
    /// Set when the file is well formed but a tensor has a type the engine cannot compute with.
    var unsupported: (tensor: String, type: String)? = nil
}

/// A little-endian cursor over a byte range that checks every read against the end.
struct ByteReader {
    let base: UnsafeRawPointer
    let size: Int
    var offset: Int

    var remaining: Int { size - offset }

    func need(_ count: Int, _ what: @autoclosure () -> String) throws(ParseFailure) {
        guard count >= 0, count <= size - offset else {
            throw ParseFailure(
                reason: "\(what()) at byte \(offset) needs \(count) bytes but the file ends at byte \(size)")
        }
    }

    mutating func integer<T: FixedWidthInteger>(
        _: T.Type, _ what: @autoclosure () -> String
    ) throws(ParseFailure) -> T {
        try need(MemoryLayout<T>.size, what())
        let v = T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
        offset += MemoryLayout<T>.size
        return v
    }

    /// A u64 count or length that must fit in Int.
    mutating func count(_ what: @autoclosure () -> String) throws(ParseFailure) -> Int {
        let at = offset
        let raw = try integer(UInt64.self, what())
        guard let v = Int(exactly: raw) else {
            throw ParseFailure(reason: "\(what()) at byte \(at) is \(raw), larger than any file")
        }
        return v
    }

    mutating func string(_ what: @autoclosure () -> String) throws(ParseFailure) -> String {
        let at = offset
        let length = try count("length of \(what())")
        guard length <= remaining else {
            throw ParseFailure(
                reason: "\(what()) at byte \(at) claims \(length) bytes but only \(remaining) remain")
        }
        let bytes = UnsafeRawBufferPointer(start: base + offset, count: length)
        offset += length
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A name from the file, shortened for messages.
func shown(_ name: String) -> String {
    name.count <= 80 ? name : String(name.prefix(80)) + "…"
}
