import Tensor

/// A GGUF v2/v3 file, memory-mapped read-only and fully validated on open: header, metadata, tensor table,
/// alignment, and every tensor's bytes within the file. Tensor data is never copied; `matrix(_:)` hands out
/// `WeightMatrix` views that keep the mapping alive.
public final class GGUFFile: @unchecked Sendable {
    /// The path (or name) used in error messages.
    public let path: String
    /// GGUF version (2 or 3).
    public let version: UInt32
    /// Metadata key–value pairs.
    public let metadata: GGUFMetadata
    /// The tensor table in file order.
    public let tensors: [GGUFTensorInfo]
    /// Data alignment (`general.alignment`, default 32).
    public let alignment: Int
    /// Byte offset of the tensor data section.
    public let dataOffset: Int
    /// Size of the file in bytes.
    public var fileSize: Int { storage.size }

    let storage: MappedFile
    private let index: [String: Int]

    /// Opens and validates the GGUF file at `path`.
    public convenience init(path: String) throws(GGUFError) {
        try self.init(storage: try MappedFile(path: path), name: path)
    }

    /// Parses a GGUF image held in memory (tests, fuzzing); `name` stands for the file in messages.
    public convenience init(bytes: [UInt8], name: String = "<memory>") throws(GGUFError) {
        try self.init(storage: MappedFile(bytes: bytes), name: name)
    }

    init(storage: MappedFile, name: String) throws(GGUFError) {
        var parser = GGUFParser(base: storage.base, size: storage.size)
        do {
            try parser.parse()
        } catch {
            if let (tensor, type) = error.unsupported {
                throw .unsupportedTensorType(file: name, tensor: tensor, type: type)
            }
            throw .malformed(file: name, reason: error.reason)
        }
        self.path = name
        self.storage = storage
        self.version = parser.version
        self.metadata = GGUFMetadata(file: name, keys: parser.keys, entries: parser.entries)
        self.tensors = parser.tensors
        self.alignment = parser.alignment
        self.dataOffset = parser.dataOffset
        var index: [String: Int] = [:]
        for (i, t) in parser.tensors.enumerated() { index[t.name] = i }
        self.index = index
    }

    /// `general.architecture`, when present and a string.
    public var architecture: String? {
        if case .string(let s) = metadata["general.architecture"] { return s }
        return nil
    }

    /// The table entry of tensor `name`, or nil.
    public func tensor(_ name: String) -> GGUFTensorInfo? {
        index[name].map { tensors[$0] }
    }

    /// The table entry of tensor `name`, or a `missingTensor` error.
    public func requireTensor(_ name: String) throws(GGUFError) -> GGUFTensorInfo {
        guard let info = tensor(name) else { throw .missingTensor(file: path, tensor: name) }
        return info
    }

    /// The raw bytes of a tensor (valid while this file is alive).
    public func bytes(of info: GGUFTensorInfo) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage.base + info.fileOffset, count: info.byteCount)
    }

    /// Tensor `name` as a weight matrix: `ne[0]` values per row, the product of the other dims as rows.
    /// With `rows`/`cols` given, the shape must match exactly.
    public func matrix(_ name: String, rows: Int? = nil, cols: Int? = nil) throws(GGUFError) -> WeightMatrix {
        let info = try requireTensor(name)
        if (rows != nil && rows != info.rows) || (cols != nil && cols != info.cols) {
            let expected = "[\(cols.map(String.init) ?? "any"), \(rows.map(String.init) ?? "any")]"
            throw .wrongTensorShape(file: path, tensor: name, expected: expected, found: info.dims)
        }
        do {
            return try WeightMatrix(
                type: info.type, rows: info.rows, cols: info.cols, data: storage.base + info.fileOffset,
                owner: storage)
        } catch {
            throw .wrongTensorShape(file: path, tensor: name, expected: "a non-empty matrix", found: info.dims)
        }
    }

    /// All values of tensor `name` dequantized to f32 (norm weights, biases, small tensors). With `count` given,
    /// the element count must match.
    public func floats(_ name: String, count: Int? = nil) throws(GGUFError) -> [Float] {
        let info = try requireTensor(name)
        if let count, count != info.elementCount {
            throw .wrongTensorShape(file: path, tensor: name, expected: "\(count) values", found: info.dims)
        }
        let n = info.elementCount
        return [Float](unsafeUninitializedCapacity: n) { buffer, filled in
            if n > 0 {
                Kernels.dequantize(info.type, storage.base + info.fileOffset, into: buffer.baseAddress!, count: n)
            }
            filled = n
        }
    }
}
