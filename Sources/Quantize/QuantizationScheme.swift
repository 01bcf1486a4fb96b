import Tensor

/// A whole-file quantization as llama-quantize names it: the default type of the weight matrices, and
/// `general.file_type` (llama.cpp's `llama_ftype`).
public enum QuantizationScheme: String, Sendable, CaseIterable {
    /// Every weight matrix Q8_0 (8.5 bits per weight).
    case q8_0
    /// Q4_K with Q6_K for the output projection and for half of attn_v and ffn_down (about 4.9 bits per weight).
    case q4_k_m

    /// The type a weight matrix gets unless a rule picks another.
    public var defaultType: GGMLType {
        switch self {
        case .q8_0: return .q8_0
        case .q4_k_m: return .q4_K
        }
    }

    /// `general.file_type`: LLAMA_FTYPE_MOSTLY_Q8_0 = 7, LLAMA_FTYPE_MOSTLY_Q4_K_M = 15.
    public var fileType: UInt32 {
        switch self {
        case .q8_0: return 7
        case .q4_k_m: return 15
        }
    }

    /// The name llama.cpp prints ("Q8_0", "Q4_K_M").
    public var displayName: String { rawValue.uppercased() }
}
