/// What can go wrong while building a tokenizer from vocabulary data.
public enum TokenizerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The token list is empty.
    case emptyVocabulary
    /// The token-type list does not have one entry per token.
    case tokenTypeCount(tokens: Int, types: Int)
    /// A byte-level vocabulary must hold a token for every single byte.
    case missingByteToken(UInt8)
    /// A merge rule is not two tokens separated by one space.
    case malformedMerge(index: Int, text: String)
    /// A merge rule names a token that is not in the vocabulary.
    case unknownMergeToken(index: Int, token: String)
    /// The pre-tokenizer named by the vocabulary is not implemented.
    case unsupportedPreTokenizer(String)
    /// A line of a tiktoken rank file could not be read.
    case malformedTiktokenLine(Int)

    /// A one-line message: what happened and what to do.
    public var description: String {
        switch self {
        case .emptyVocabulary:
            "the vocabulary has no tokens; check the model file's tokenizer.ggml.tokens"
        case .tokenTypeCount(let tokens, let types):
            "the vocabulary has \(tokens) tokens but \(types) token types; the model file is inconsistent"
        case .missingByteToken(let byte):
            "the byte-level vocabulary has no token for byte 0x\(String(byte, radix: 16)); it cannot encode all text"
        case .malformedMerge(let index, let text):
            "merge rule \(index) (\"\(text)\") is not two tokens separated by one space"
        case .unknownMergeToken(let index, let token):
            "merge rule \(index) names \"\(token)\", which is not in the vocabulary"
        case .unsupportedPreTokenizer(let name):
            "pre-tokenizer \"\(name)\" is not supported (only \"qwen2\"); use a Qwen2 or Qwen2-VL model file"
        case .malformedTiktokenLine(let line):
            "tiktoken line \(line) is not \"<base64> <rank>\" with ranks in order"
        }
    }
}
