import Tensor

/// What `easel model info` reports about a GGUF file.
public struct GGUFSummary: Sendable, Equatable {
    /// `general.architecture` ("qwen2vl", "clip", ...), or nil.
    public let architecture: String?
    /// `general.name`, or nil.
    public let name: String?
    /// GGUF version.
    public let version: UInt32
    /// File size in bytes.
    public let fileSize: Int
    /// Total elements over all tensors.
    public let parameterCount: Int
    /// Tensor count per type, most frequent first.
    public let tensorTypes: [(type: GGMLType, count: Int)]
    /// `<arch>.context_length`, or nil.
    public let contextLength: Int?
    /// `<arch>.block_count`, or nil.
    public let blockCount: Int?
    /// `<arch>.embedding_length`, or nil.
    public let embeddingLength: Int?
    /// `tokenizer.ggml.model`, or nil.
    public let tokenizerModel: String?
    /// `tokenizer.ggml.pre`, or nil.
    public let tokenizerPre: String?
    /// Entries of `tokenizer.ggml.tokens`, or nil.
    public let vocabularySize: Int?
    /// `general.file_type` as llama.cpp names it ("Q4_K_M"), or nil.
    public let fileType: String?

    /// Field-by-field equality (tuples in `tensorTypes` compared element-wise).
    public static func == (a: GGUFSummary, b: GGUFSummary) -> Bool {
        a.architecture == b.architecture && a.name == b.name && a.version == b.version && a.fileSize == b.fileSize
            && a.parameterCount == b.parameterCount && a.tensorTypes.map(\.type) == b.tensorTypes.map(\.type)
            && a.tensorTypes.map(\.count) == b.tensorTypes.map(\.count) && a.contextLength == b.contextLength
            && a.blockCount == b.blockCount && a.embeddingLength == b.embeddingLength
            && a.tokenizerModel == b.tokenizerModel && a.tokenizerPre == b.tokenizerPre
            && a.vocabularySize == b.vocabularySize && a.fileType == b.fileType
    }

    /// llama.cpp's `llama_ftype` names (`general.file_type`).
    static let fileTypeNames: [Int: String] = [
        0: "ALL_F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S",
        12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 32: "BF16",
    ]
}

extension GGUFFile {
    /// A summary of the file for display; metadata of an unexpected type is reported as absent.
    public func summary() -> GGUFSummary {
        let meta = metadata
        let arch = architecture
        func int(_ key: String) -> Int? { meta[key]?.intValue }
        func string(_ key: String) -> String? {
            if case .string(let s) = meta[key] { return s }
            return nil
        }
        var counts: [GGMLType: Int] = [:]
        var parameters = 0
        for t in tensors {
            counts[t.type, default: 0] += 1
            parameters += t.elementCount
        }
        let types = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
        return GGUFSummary(
            architecture: arch, name: string("general.name"), version: version, fileSize: fileSize,
            parameterCount: parameters, tensorTypes: types.map { ($0.key, $0.value) },
            contextLength: arch.flatMap { int("\($0).context_length") },
            blockCount: arch.flatMap { int("\($0).block_count") },
            embeddingLength: arch.flatMap { int("\($0).embedding_length") },
            tokenizerModel: string("tokenizer.ggml.model"), tokenizerPre: string("tokenizer.ggml.pre"),
            vocabularySize: meta.arrayCount("tokenizer.ggml.tokens"),
            fileType: int("general.file_type").map { GGUFSummary.fileTypeNames[$0] ?? "type \($0)" })
    }
}
