import GGUF

/// The language model's hyperparameters, read from a llama.cpp `qwen2vl` (or plain `qwen2`) text GGUF.
public struct Qwen2Config: Sendable, Equatable {
    /// `general.architecture`.
    public var architecture: String
    /// Decoder layers (`block_count`).
    public var layers: Int
    /// Model width (`embedding_length`).
    public var hidden: Int
    /// Query heads (`attention.head_count`).
    public var heads: Int
    /// Key/value heads (`attention.head_count_kv`); each serves `heads / kvHeads` query heads.
    public var kvHeads: Int
    /// Width of one head: `hidden / heads`; all of it is rotated.
    public var headDim: Int
    /// MLP width (`feed_forward_length`).
    public var ffn: Int
    /// Rows of the embedding matrix.
    public var vocabularySize: Int
    /// Longest sequence the model was trained for (`context_length`).
    public var contextLength: Int
    /// RoPE base (`rope.freq_base`).
    public var ropeTheta: Float
    /// RMSNorm epsilon (`attention.layer_norm_rms_epsilon`).
    public var rmsEpsilon: Float
    /// M-RoPE sections in rotary frequency pairs for the t, h, w axes (and a 4th axis, 0 for Qwen2-VL);
    /// they sum to `headDim / 2`.
    public var ropeSections: [Int]
    /// Whether the output projection reuses the token embeddings (no `output.weight`).
    public var tiedEmbeddings: Bool

    /// Query width: `heads × headDim`.
    public var queryWidth: Int { heads * headDim }
    /// Key/value width: `kvHeads × headDim`.
    public var kvWidth: Int { kvHeads * headDim }

    /// Reads the hyperparameters of `file` and checks that they are consistent.
    public init(file: GGUFFile) throws(QwenVLError) {
        let name = file.path
        let arch = file.architecture ?? "(none)"
        guard arch == "qwen2vl" || arch == "qwen2" else {
            throw .unsupportedArchitecture(file: name, architecture: arch)
        }
        let meta = file.metadata
        do {
            architecture = arch
            layers = try meta.int("\(arch).block_count")
            hidden = try meta.int("\(arch).embedding_length")
            heads = try meta.int("\(arch).attention.head_count")
            kvHeads = try meta.int("\(arch).attention.head_count_kv", default: heads)
            ffn = try meta.int("\(arch).feed_forward_length")
            contextLength = try meta.int("\(arch).context_length", default: 32_768)
            ropeTheta = try meta.float("\(arch).rope.freq_base", default: 1_000_000)
            rmsEpsilon = try meta.float("\(arch).attention.layer_norm_rms_epsilon", default: 1e-6)
            let sections =
                meta.contains("\(arch).rope.dimension_sections") ? try meta.ints("\(arch).rope.dimension_sections") : []
            guard layers > 0, hidden > 0, heads > 0, kvHeads > 0, ffn > 0, contextLength > 0 else {
                throw QwenVLError.badConfig(file: name, reason: "a layer count, width or head count is zero")
            }
            guard hidden % heads == 0, (hidden / heads) % 2 == 0 else {
                throw QwenVLError.badConfig(
                    file: name, reason: "embedding_length \(hidden) is not an even head width times \(heads) heads")
            }
            headDim = hidden / heads
            guard heads % kvHeads == 0 else {
                throw QwenVLError.badConfig(
                    file: name, reason: "\(heads) heads is not a multiple of \(kvHeads) KV heads")
            }
            ropeSections = Array((sections.isEmpty ? [headDim / 2] : sections).prefix(4))
            while ropeSections.count < 4 { ropeSections.append(0) }
            guard ropeSections.allSatisfy({ $0 >= 0 }), ropeSections.reduce(0, +) == headDim / 2 else {
                throw QwenVLError.badConfig(
                    file: name,
                    reason: "rope.dimension_sections \(sections) do not sum to head width / 2 = \(headDim / 2)")
            }
            guard ropeTheta > 0, rmsEpsilon > 0 else {
                throw QwenVLError.badConfig(file: name, reason: "rope.freq_base or the RMS epsilon is not positive")
            }
            let embeddings = try file.requireTensor("token_embd.weight")
            guard embeddings.cols == hidden, embeddings.rows > 0 else {
                throw QwenVLError.badConfig(
                    file: name, reason: "token_embd.weight has shape \(embeddings.dims), expected [\(hidden), vocab]")
            }
            vocabularySize = embeddings.rows
            tiedEmbeddings = file.tensor("output.weight") == nil
        } catch let error as QwenVLError {
            throw error
        } catch {
            throw .file(String(describing: error))
        }
    }
}
