/// Turns a stream of bytes (for example the bytes of generated tokens, one token at a time) into text,
/// holding back a multi-byte UTF-8 sequence until its last byte arrives. Invalid bytes become U+FFFD.
public struct UTF8StreamDecoder: Sendable {
    private var pending: [UInt8] = []

    /// A decoder with nothing pending.
    public init() {}

    /// Adds bytes and returns the text that is now complete.
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> String {
        pending.append(contentsOf: bytes)
        let cut = Self.completePrefixLength(pending)
        guard cut > 0 else { return "" }
        let text = String(decoding: pending[0..<cut], as: UTF8.self)
        pending.removeFirst(cut)
        return text
    }

    /// Returns whatever is still held back (an incomplete sequence becomes U+FFFD) and resets.
    public mutating func finish() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// Whether bytes are held back.
    public var hasPendingBytes: Bool { !pending.isEmpty }

    /// The length of the prefix that does not end inside a valid but incomplete UTF-8 sequence.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        let n = bytes.count
        // Walk back over at most three continuation bytes to the lead byte of the last sequence.
        var start = n - 1
        while start >= 0, start >= n - 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard start >= 0, start >= n - 4 else { return n }
        let lead = bytes[start]
        let needed: Int
        switch lead {
        case 0xC2...0xDF: needed = 2
        case 0xE0...0xEF: needed = 3
        case 0xF0...0xF4: needed = 4
        default: return n  // ASCII or an invalid lead: nothing to wait for
        }
        return n - start < needed ? start : n
    }
}
