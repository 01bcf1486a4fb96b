import Foundation

/// A byte-level BPE tokenizer (GPT-2 style, as Qwen2 uses it) built from GGUF-style vocabulary arrays:
/// `tokenizer.ggml.tokens` (byte-level encoded strings), `tokenizer.ggml.merges` ("A B" in rank order) and
/// `tokenizer.ggml.token_type`.
///
/// Encoding splits out special tokens (control and user-defined types; longest match), normalizes the rest
/// to NFC, pre-tokenizes it with the Qwen2 rule and merges each piece. Decoding maps tokens back to bytes;
/// `decode(encode(x))` is canonically equivalent to `x` (byte-identical when `x` is NFC).
public struct BPETokenizer: Sendable {
    /// GGUF token types (`tokenizer.ggml.token_type`).
    public enum TokenType: Int32, Sendable {
        case normal = 1, unknown = 2, control = 3, userDefined = 4, unused = 5, byte = 6
    }

    private let table: ByteStringTable
    private let types: [Int32]
    private let merges: MergeTable
    private let byteTokens: [Int32]
    private let specials: SpecialTokenMatcher
    private let specialIDs: [String: Int]

    /// Builds the tokenizer. `tokenTypes` may be empty (all tokens normal); `preTokenizer` is
    /// `tokenizer.ggml.pre` and must be "qwen2" (or nil).
    public init(
        tokens: [String], merges mergeRules: [String], tokenTypes: [Int32] = [], preTokenizer: String? = "qwen2"
    )
        throws(TokenizerError)
    {
        guard !tokens.isEmpty else { throw .emptyVocabulary }
        guard tokenTypes.isEmpty || tokenTypes.count == tokens.count else {
            throw .tokenTypeCount(tokens: tokens.count, types: tokenTypes.count)
        }
        if let preTokenizer, preTokenizer != "qwen2" { throw .unsupportedPreTokenizer(preTokenizer) }
        let types = tokenTypes.isEmpty ? [Int32](repeating: TokenType.normal.rawValue, count: tokens.count) : tokenTypes
        var table = ByteStringTable(capacity: tokens.count)
        var special: [(text: String, id: Int32)] = []
        var specialIDs: [String: Int] = [:]
        for (id, token) in tokens.enumerated() {
            let type = types[id]
            if type == TokenType.control.rawValue || type == TokenType.userDefined.rawValue {
                table.append(Array(token.utf8), indexed: false)
                special.append((token, Int32(id)))
                if specialIDs[token] == nil { specialIDs[token] = id }
            } else if let bytes = ByteLevel.bytes(of: token) {
                table.append(bytes, indexed: type != TokenType.unused.rawValue)
            } else {
                table.append(Array(token.utf8), indexed: false)
            }
        }
        var byteTokens = [Int32](repeating: -1, count: 256)
        for byte in 0..<256 {
            guard let id = table.lookup([UInt8(byte)]) else { throw .missingByteToken(UInt8(byte)) }
            byteTokens[byte] = id
        }
        self.table = table
        self.types = types
        self.byteTokens = byteTokens
        self.specials = SpecialTokenMatcher(special)
        self.specialIDs = specialIDs
        self.merges = try Self.buildMerges(mergeRules, table: table)
    }

    private static func buildMerges(_ rules: [String], table: ByteStringTable) throws(TokenizerError) -> MergeTable {
        var merges = MergeTable(capacity: rules.count)
        var left: [UInt8] = []
        var both: [UInt8] = []
        for (rank, rule) in rules.enumerated() {
            left.removeAll(keepingCapacity: true)
            both.removeAll(keepingCapacity: true)
            var split = -1
            for scalar in rule.unicodeScalars {
                if scalar == " " {
                    guard split < 0 else { throw .malformedMerge(index: rank, text: rule) }
                    split = both.count
                    continue
                }
                let value = Int(scalar.value)
                let byte = value < ByteLevel.scalarLimit ? ByteLevel.byteForScalar[value] : -1
                guard byte >= 0 else { throw .unknownMergeToken(index: rank, token: rule) }
                both.append(UInt8(byte))
            }
            guard split > 0, split < both.count else { throw .malformedMerge(index: rank, text: rule) }
            left.append(contentsOf: both[0..<split])
            let right = Array(both[split...])
            guard let a = table.lookup(left) else {
                throw .unknownMergeToken(index: rank, token: ByteLevel.string(of: left))
            }
            guard let b = table.lookup(right) else {
                throw .unknownMergeToken(index: rank, token: ByteLevel.string(of: right))
            }
            guard let merged = table.lookup(both) else {
                throw .unknownMergeToken(index: rank, token: ByteLevel.string(of: both))
            }
            merges.insert(left: a, right: b, rank: Int32(rank), merged: merged)
        }
        return merges
    }

    /// The number of tokens in the vocabulary.
    public var vocabularySize: Int { types.count }

    /// The id of a special token given by its text (for example `<|im_end|>`).
    public func specialTokenID(_ text: String) -> Int? { specialIDs[text] }

    /// Whether `id` is a control or user-defined token.
    public func isSpecial(_ id: Int) -> Bool {
        guard id >= 0, id < types.count else { return false }
        return types[id] == TokenType.control.rawValue || types[id] == TokenType.userDefined.rawValue
    }

    /// The bytes a token stands for (a special token's text as UTF-8); empty for an out-of-range id.
    public func bytes(of id: Int) -> ArraySlice<UInt8> {
        guard id >= 0, id < types.count else { return [] }
        return table.bytes(id)
    }

    /// Token ids for `text`. With `parseSpecialTokens`, special-token texts become their ids; without it
    /// they are tokenized as plain text.
    public func encode(_ text: String, parseSpecialTokens: Bool = true) -> [Int] {
        let scalars = Array(text.unicodeScalars)
        let segments: [SpecialTokenMatcher.Segment] =
            parseSpecialTokens && !specials.isEmpty
            ? specials.split(scalars) : (scalars.isEmpty ? [] : [.text(0..<scalars.count)])
        var output: [Int32] = []
        output.reserveCapacity(scalars.count / 3 + 4)
        var merger = BPEMerger()
        var bytes: [UInt8] = []
        for segment in segments {
            switch segment {
            case .special(let id):
                output.append(id)
            case .text(let range):
                let normalized = Self.nfc(scalars[range])
                for piece in Qwen2PreTokenizer.split(normalized) {
                    bytes.removeAll(keepingCapacity: true)
                    for scalar in normalized[piece] { Self.appendUTF8(scalar, to: &bytes) }
                    bytes.withUnsafeBufferPointer { buffer in
                        merger.encode(buffer, byteTokens: byteTokens, merges: merges, into: &output)
                    }
                }
            }
        }
        return output.map(Int.init)
    }

    /// The text of `ids`; invalid UTF-8 becomes U+FFFD. `skipSpecialTokens` leaves control tokens out.
    public func decode(_ ids: [Int], skipSpecialTokens: Bool = false) -> String {
        var bytes: [UInt8] = []
        for id in ids {
            if skipSpecialTokens, id >= 0, id < types.count, types[id] == TokenType.control.rawValue { continue }
            bytes.append(contentsOf: self.bytes(of: id))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func nfc(_ scalars: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        // Scalars below U+0300 never compose with each other, so such text is already NFC.
        guard scalars.contains(where: { $0.value >= 0x300 }) else { return Array(scalars) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return Array(String(view).precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    @inline(__always)
    private static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            bytes.append(UInt8(value))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | (value >> 6)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | (value >> 12)))
            bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        default:
            bytes.append(UInt8(0xF0 | (value >> 18)))
            bytes.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}
