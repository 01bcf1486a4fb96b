import GGUF

/// The vision tower's hyperparameters, read from a llama.cpp `mmproj` GGUF (`general.architecture` = "clip",
/// `clip.projector_type` = "qwen2vl_merger"). Qwen2.5-VL and Qwen3-VL projectors look alike but need window
/// attention, RMSNorm or SwiGLU, so they are refused.
public struct VisionConfig: Sendable, Equatable {
    /// Transformer blocks (`clip.vision.block_count`).
    public var layers: Int
    /// Tower width (`clip.vision.embedding_length`, HF `embed_dim`).
    public var width: Int
    /// Attention heads (`clip.vision.attention.head_count`).
    public var heads: Int
    /// Width of one head: `width / heads`.
    public var headDim: Int
    /// MLP width, taken from the fc1 tensor's shape (the key `feed_forward_length` is not it).
    public var mlp: Int
    /// Side of one square patch in pixels (`clip.vision.patch_size`, 14).
    public var patchSize: Int
    /// Patches merged per side into one language-model token (2).
    public var mergeSize: Int
    /// Width of the merger's output: the language model's width (`clip.vision.projection_dim`).
    public var projectionWidth: Int
    /// LayerNorm epsilon.
    public var layerNormEpsilon: Float
    /// Per-channel mean of the normalisation (OpenAI CLIP's unless the file says otherwise).
    public var imageMean: [Float]
    /// Per-channel standard deviation of the normalisation.
    public var imageStd: [Float]

    /// Values of one patch: 3 channels × patch × patch.
    public var patchValues: Int { 3 * patchSize * patchSize }
    /// The merger's input width: `mergeSize² × width`.
    public var mergedWidth: Int { mergeSize * mergeSize * width }

    /// OpenAI CLIP's mean and std, which Qwen2-VL uses.
    public static let clipMean: [Float] = [0.481_454_66, 0.457_827_5, 0.408_210_73]
    /// OpenAI CLIP's std.
    public static let clipStd: [Float] = [0.268_629_54, 0.261_302_58, 0.275_777_11]

    /// Reads and checks the hyperparameters of an mmproj file.
    public init(file: GGUFFile) throws(QwenVLError) {
        let name = file.path
        let arch = file.architecture ?? "(none)"
        guard arch == "clip" else { throw .notVisionProjector(file: name, reason: "architecture is \"\(arch)\"") }
        let meta = file.metadata
        do {
            let projector = try meta.string("clip.projector_type", default: "(none)")
            guard projector == "qwen2vl_merger" else {
                throw QwenVLError.unsupportedProjector(file: name, projector: projector)
            }
            guard try meta.bool("clip.has_vision_encoder", default: true) else {
                throw QwenVLError.notVisionProjector(file: name, reason: "clip.has_vision_encoder is false")
            }
            layers = try meta.int("clip.vision.block_count")
            width = try meta.int("clip.vision.embedding_length")
            heads = try meta.int("clip.vision.attention.head_count")
            patchSize = try meta.int("clip.vision.patch_size", default: 14)
            mergeSize = try meta.int("clip.vision.spatial_merge_size", default: 2)
            layerNormEpsilon = try meta.float("clip.vision.attention.layer_norm_epsilon", default: 1e-6)
            imageMean =
                meta.contains("clip.vision.image_mean") ? try meta.floats("clip.vision.image_mean") : Self.clipMean
            imageStd = meta.contains("clip.vision.image_std") ? try meta.floats("clip.vision.image_std") : Self.clipStd
            guard layers > 0, width > 0, heads > 0, patchSize > 0, mergeSize == 2 else {
                throw QwenVLError.badConfig(
                    file: name, reason: "block count, width, heads or patch size is zero, or the merge size is not 2")
            }
            guard width % heads == 0, (width / heads) % 4 == 0 else {
                throw QwenVLError.badConfig(
                    file: name, reason: "vision width \(width) over \(heads) heads is not a multiple of 4")
            }
            headDim = width / heads
            guard imageMean.count == 3, imageStd.count == 3, imageStd.allSatisfy({ $0 > 0 }) else {
                throw QwenVLError.badConfig(file: name, reason: "image_mean/image_std are not 3 values (std > 0)")
            }
            let merger = try file.requireTensor("mm.2.weight")
            projectionWidth = try meta.int("clip.vision.projection_dim", default: merger.rows)
            guard merger.rows == projectionWidth else {
                throw QwenVLError.badConfig(
                    file: name,
                    reason: "mm.2.weight has \(merger.rows) outputs but projection_dim is \(projectionWidth)")
            }
            let up = try file.requireTensor("v.blk.0.ffn_up.weight")
            let down = try file.requireTensor("v.blk.0.ffn_down.weight")
            // fc1 takes `width` inputs; legacy files name it ffn_down.
            mlp = up.cols == width ? up.rows : down.rows
        } catch let error as QwenVLError {
            throw error
        } catch {
            throw .file(String(describing: error))
        }
    }
}
