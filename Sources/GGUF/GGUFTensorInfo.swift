import Tensor

/// One entry of a GGUF tensor table.
public struct GGUFTensorInfo: Sendable, Equatable {
    /// Tensor name ("blk.0.attn_q.weight").
    public let name: String
    /// Dimensions in ggml order: `dims[0]` is the contiguous row length (`ne[0]`).
    public let dims: [Int]
    /// Element type.
    public let type: GGMLType
    /// Byte offset from the start of the file.
    public let fileOffset: Int
    /// Size of the tensor data in bytes.
    public let byteCount: Int

    /// Total number of elements.
    public var elementCount: Int { dims.reduce(1, *) }
    /// Row length (`ne[0]`).
    public var cols: Int { dims.first ?? 1 }
    /// Number of rows: the product of all dims after the first.
    public var rows: Int { dims.dropFirst().reduce(1, *) }
}
