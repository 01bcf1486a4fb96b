/// The three arrays a GGUF file stores for a byte-level BPE tokenizer: `tokenizer.ggml.tokens`,
/// `tokenizer.ggml.merges` and `tokenizer.ggml.token_type`.
public struct BPEVocabulary: Sendable, Equatable {
    /// Byte-level encoded token strings, by id (special tokens as their plain text).
    public var tokens: [String]
    /// Merge rules "A B" in rank order.
    public var merges: [String]
    /// GGUF token types by id (see `BPETokenizer.TokenType`).
    public var tokenTypes: [Int32]

    /// A vocabulary from its arrays.
    public init(tokens: [String], merges: [String], tokenTypes: [Int32]) {
        self.tokens = tokens
        self.merges = merges
        self.tokenTypes = tokenTypes
    }

    /// Qwen2-VL's special tokens, numbered from 151643 in this order.
    public static let qwen2VLSpecialTokens = [
        "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
        "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>", "<|vision_end|>",
        "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>",
    ]

    /// Builds the vocabulary from a tiktoken rank file (`base64(token bytes) rank` per line, ranks 0, 1, 2, …)
    /// followed by `specialTokens` as control tokens. Each token of two or more bytes gets the merge rule that
    /// tiktoken's own algorithm reaches it by: BPE over its bytes using only lower-ranked tokens ends in
    /// exactly two parts, and those are the rule (a token tiktoken can never reach gets no rule).
    public static func tiktoken(_ contents: [UInt8], specialTokens: [String] = qwen2VLSpecialTokens)
        throws(TokenizerError) -> BPEVocabulary
    {
        var table = ByteStringTable(capacity: 160_000)
        var lineNumber = 0
        var start = 0
        while start < contents.count {
            var end = start
            while end < contents.count, contents[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            if end > start {
                guard let space = contents[start..<end].firstIndex(of: UInt8(ascii: " ")),
                    let bytes = Base64.decode(contents[start..<space]),
                    let rank = Int(String(decoding: contents[(space + 1)..<end], as: UTF8.self)),
                    rank == table.count
                else { throw .malformedTiktokenLine(lineNumber) }
                table.append(bytes)
            }
            start = end + 1
        }
        var tokens: [String] = []
        var merges: [String] = []
        tokens.reserveCapacity(table.count + specialTokens.count)
        merges.reserveCapacity(table.count)
        table.storage.withUnsafeBufferPointer { store in
            for rank in 0..<table.count {
                let base = Int(table.offsets[rank])
                let token = UnsafeBufferPointer(rebasing: store[base..<Int(table.offsets[rank + 1])])
                tokens.append(ByteLevel.string(of: token))
                guard token.count >= 2 else { continue }
                if let split = mergeSplit(token, below: rank, table: table) {
                    merges.append(
                        ByteLevel.string(of: token[0..<split]) + " " + ByteLevel.string(of: token[split...]))
                }
            }
        }
        let types =
            [Int32](repeating: BPETokenizer.TokenType.normal.rawValue, count: tokens.count)
            + [Int32](repeating: BPETokenizer.TokenType.control.rawValue, count: specialTokens.count)
        return BPEVocabulary(tokens: tokens + specialTokens, merges: merges, tokenTypes: types)
    }

    /// Runs tiktoken's BPE over `token` with ranks below `limit`; returns the split point when it ends in two parts.
    private static func mergeSplit(_ token: UnsafeBufferPointer<UInt8>, below limit: Int, table: ByteStringTable)
        -> Int?
    {
        var bounds = Array(0...token.count)  // part i is token[bounds[i] ..< bounds[i + 1]]
        func rank(_ i: Int) -> Int {
            guard i + 2 < bounds.count else { return Int.max }
            let id = table.lookup(UnsafeBufferPointer(rebasing: token[bounds[i]..<bounds[i + 2]]))
            guard let id, Int(id) < limit else { return Int.max }
            return Int(id)
        }
        var ranks = (0..<(bounds.count - 2)).map(rank)
        while bounds.count > 3 {
            var best = Int.max
            var at = -1
            for (i, r) in ranks.enumerated() where r < best {
                best = r
                at = i
            }
            guard at >= 0 else { return nil }
            bounds.remove(at: at + 1)
            ranks.remove(at: at)
            if at > 0 { ranks[at - 1] = rank(at - 1) }
            if at < ranks.count { ranks[at] = rank(at) }
        }
        return bounds.count == 3 && table.lookup(UnsafeBufferPointer(rebasing: token[0..<bounds[1]])) != nil
            ? bounds[1] : nil
    }
}

/// Standard base64 (RFC 4648) decoding, padding optional.
enum Base64 {
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = Int8(i)
        }
        return table
    }()

    /// The decoded bytes, or nil for a character outside the alphabet or a bad length.
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for c in text where c != UInt8(ascii: "=") {
            let value = values[Int(c)]
            guard value >= 0 else { return nil }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return bits < 6 ? out : nil
    }
}
