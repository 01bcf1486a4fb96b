import Testing

@testable import Tokenizer

@Suite struct TokenizerUnitTests {
    /// All 256 byte tokens plus a few merges, as a tiny GGUF vocabulary would hold them.
    static func tinyVocabulary() -> (tokens: [String], merges: [String], types: [Int32]) {
        var tokens = (0..<256).map { ByteLevel.string(of: [UInt8($0)]) }
        let merges = ["Ġ t", "h e", "Ġt he", "l l", "e ll", "he ll", "hell o"]
        tokens += ["Ġt", "he", "Ġthe", "ll", "ell", "hell", "hello", "<|im_end|>", "<|im_end|>x"]
        let types = [Int32](repeating: 1, count: tokens.count - 2) + [3, 4]
        return (tokens, merges, types)
    }

    @Test("The byte-level alphabet maps space to Ġ and newline to Ċ and round-trips every byte")
    func byteLevel() {
        #expect(ByteLevel.string(of: [32, 10]) == "ĠĊ")
        let all = (0..<256).map(UInt8.init)
        #expect(ByteLevel.bytes(of: ByteLevel.string(of: all)) == all)
        #expect(ByteLevel.bytes(of: "a b") == nil)
    }

    @Test("The pre-tokenizer splits like the qwen2 regex")
    func preTokenizer() {
        func pieces(_ text: String) -> [String] {
            let scalars = Array(text.unicodeScalars)
            return Qwen2PreTokenizer.split(scalars).map { range in
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[range])
                return String(view)
            }
        }
        #expect(pieces("Hello, y'all! 123") == ["Hello", ",", " y", "'all", "!", " ", "1", "2", "3"])
        #expect(pieces("it's I'LL") == ["it", "'s", " I", "'LL"])
        #expect(pieces("a  \n\n b") == ["a", "  \n\n", " b"])
        #expect(pieces("x   y") == ["x", "  ", " y"])
        #expect(pieces("end  ") == ["end", "  "])
        #expect(pieces("\t!") == ["\t", "!"])
        #expect(pieces(" !!\n\nz") == [" !!\n\n", "z"])
        #expect(pieces("\u{3000}中文") == ["\u{3000}中文"])
    }

    @Test("Merges apply by rank, and special tokens match longest first")
    func tinyMerges() throws {
        let vocab = Self.tinyVocabulary()
        let tokenizer = try BPETokenizer(tokens: vocab.tokens, merges: vocab.merges, tokenTypes: vocab.types)
        // "h e" outranks "e ll", so "hello" goes he + ll → hell → hello and never uses "ell".
        #expect(tokenizer.encode("hello the") == [262, 258])
        #expect(tokenizer.encode("ell") == [260])
        #expect(tokenizer.encode("<|im_end|>x<|im_end|>") == [264, 263])
        #expect(tokenizer.decode(tokenizer.encode("hello the<|im_end|>")) == "hello the<|im_end|>")
        #expect(tokenizer.encode("") == [])
    }

    @Test("Bad vocabularies are refused with a clear error")
    func errors() {
        let vocab = Self.tinyVocabulary()
        #expect(throws: TokenizerError.emptyVocabulary) { try BPETokenizer(tokens: [], merges: []) }
        #expect(throws: TokenizerError.tokenTypeCount(tokens: vocab.tokens.count, types: 1)) {
            try BPETokenizer(tokens: vocab.tokens, merges: [], tokenTypes: [1])
        }
        #expect(throws: TokenizerError.missingByteToken(0)) {
            try BPETokenizer(tokens: Array(vocab.tokens.dropFirst()), merges: [])
        }
        #expect(throws: TokenizerError.malformedMerge(index: 0, text: "ab")) {
            try BPETokenizer(tokens: vocab.tokens, merges: ["ab"])
        }
        #expect(throws: TokenizerError.unknownMergeToken(index: 0, token: "xy")) {
            try BPETokenizer(tokens: vocab.tokens, merges: ["x y"])
        }
        #expect(throws: TokenizerError.unsupportedPreTokenizer("llama3")) {
            try BPETokenizer(tokens: vocab.tokens, merges: [], preTokenizer: "llama3")
        }
        #expect(TokenizerError.missingByteToken(10).description.contains("0xa"))
    }

    @Test("The streaming decoder holds back incomplete UTF-8 sequences")
    func streaming() {
        var decoder = UTF8StreamDecoder()
        let llama = Array("a🦙é".utf8)  // 1 + 4 + 2 bytes
        #expect(decoder.decode(llama[0..<2]) == "a")
        #expect(decoder.hasPendingBytes)
        #expect(decoder.decode(llama[2..<4]) == "")
        #expect(decoder.decode(llama[4..<6]) == "🦙")
        #expect(decoder.decode(llama[6..<7]) == "é")
        #expect(!decoder.hasPendingBytes)
        #expect(decoder.decode([0xE4, 0xB8]) == "")
        #expect(decoder.finish() == "\u{FFFD}")
        #expect(decoder.decode([0xFF, 0x41]) == "\u{FFFD}A")
    }

    @Test("Base64 decodes with and without padding and rejects foreign characters")
    func base64() {
        #expect(Base64.decode(Array("aGVsbG8=".utf8)) == Array("hello".utf8))
        #expect(Base64.decode(Array("aGk".utf8)) == Array("hi".utf8))
        #expect(Base64.decode(Array("a*".utf8)) == nil)
    }
}
