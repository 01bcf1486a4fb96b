import Foundation
import Tensor

/// Builds a GGUF v3 file: metadata in insertion order, then tensors, each aligned and zero-padded.
/// Tensor bytes come from an array or from a fill callback that writes chunks of whole rows, so that large
/// synthetic models stream to disk without being held in memory.
public struct GGUFWriter {
    /// Fills `buffer` with the tensor bytes that start at byte `offset` of the tensor (always whole rows).
    public typealias Fill = (_ buffer: UnsafeMutableRawBufferPointer, _ offset: Int) -> Void

    struct PendingTensor {
        let name: String
        let dims: [Int]
        let type: GGMLType
        let byteCount: Int
        let rowBytes: Int
        let fill: Fill
    }

    /// Data alignment written to `general.alignment` when it is not the default 32.
    public let alignment: Int
    private(set) var keys: [String] = []
    private(set) var values: [String: GGUFValue] = [:]
    private(set) var pending: [PendingTensor] = []

    /// A writer with the given data alignment (a power of two).
    public init(alignment: Int = 32) {
        precondition(alignment > 0 && alignment & (alignment - 1) == 0, "alignment must be a power of two")
        self.alignment = alignment
        if alignment != 32 { set("general.alignment", .uint32(UInt32(alignment))) }
    }

    /// Sets (or replaces) a metadata value.
    public mutating func set(_ key: String, _ value: GGUFValue) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
    }

    /// Adds a tensor with `dims` in ggml order (`dims[0]` = row length) whose bytes are given.
    public mutating func addTensor(name: String, type: GGMLType, dims: [Int], bytes: [UInt8]) throws(GGUFError) {
        try addTensor(name: name, type: type, dims: dims) { buffer, offset in
            bytes.withUnsafeBytes { src in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + buffer.count]))
            }
        }
        guard pending.last!.byteCount == bytes.count else {
            let expected = pending.removeLast().byteCount
            throw .writeFailed(
                file: name, reason: "tensor '\(name)' needs \(expected) bytes for \(dims) \(type), got \(bytes.count)")
        }
    }

    /// Adds f32 values as an F32 tensor.
    public mutating func addTensor(name: String, dims: [Int], floats: [Float]) throws(GGUFError) {
        let bytes = floats.withUnsafeBytes { [UInt8]($0) }
        try addTensor(name: name, type: .f32, dims: dims, bytes: bytes)
    }

    /// Adds a tensor whose bytes `fill` produces while the file is written.
    public mutating func addTensor(
        name: String, type: GGMLType, dims: [Int], fill: @escaping Fill
    ) throws(GGUFError) {
        guard !dims.isEmpty, dims.count <= 4, dims.allSatisfy({ $0 >= 0 }) else {
            throw .writeFailed(file: name, reason: "tensor '\(name)' has invalid dims \(dims)")
        }
        guard let rowBytes = type.rowBytes(elements: dims[0]) else {
            throw .writeFailed(file: name, reason: "tensor '\(name)': \(dims[0]) is not whole \(type) blocks")
        }
        guard !pending.contains(where: { $0.name == name }) else {
            throw .writeFailed(file: name, reason: "tensor '\(name)' added twice")
        }
        let bytes = dims.dropFirst().reduce(rowBytes, *)
        pending.append(
            PendingTensor(name: name, dims: dims, type: type, byteCount: bytes, rowBytes: rowBytes, fill: fill))
    }

    /// The header, metadata, tensor table and padding (everything before the tensor data).
    func header() -> [UInt8] {
        var out: [UInt8] = []
        out.append(le: UInt32(0x4655_4747))
        out.append(le: UInt32(3))
        out.append(le: UInt64(pending.count))
        out.append(le: UInt64(keys.count))
        for key in keys {
            out.append(string: key)
            out.append(le: values[key]!.type.rawValue)
            out.append(value: values[key]!)
        }
        var offset = 0
        for t in pending {
            out.append(string: t.name)
            out.append(le: UInt32(t.dims.count))
            for d in t.dims { out.append(le: UInt64(d)) }
            out.append(le: t.type.rawValue)
            out.append(le: UInt64(offset))
            offset = align(offset + t.byteCount)
        }
        out.append(contentsOf: [UInt8](repeating: 0, count: align(out.count) - out.count))
        return out
    }

    func align(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }

    /// The whole file in memory (small files: tests, fixtures).
    public func encoded() -> [UInt8] {
        var out = header()
        for t in pending {
            let start = out.count
            out.append(contentsOf: [UInt8](repeating: 0, count: align(t.byteCount)))
            out.withUnsafeMutableBytes { all in
                if t.byteCount > 0 {
                    t.fill(UnsafeMutableRawBufferPointer(rebasing: all[start..<start + t.byteCount]), 0)
                }
            }
        }
        return out
    }

    /// Writes the file to `path`, streaming tensor data in chunks of whole rows (about 16 MiB each); `progress` gets
    /// the bytes of tensor data written so far after each chunk.
    public func write(to path: String, progress: (Int) -> Void = { _ in }) throws(GGUFError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw .writeFailed(file: path, reason: "cannot create the file") }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: header())
            let chunkLimit = 16 << 20
            let largestRow = pending.map(\.rowBytes).max() ?? 0
            let buffer = UnsafeMutableRawBufferPointer.allocate(
                byteCount: max(chunkLimit, largestRow), alignment: 64)
            defer { buffer.deallocate() }
            var written = 0
            for t in pending {
                let rowsPerChunk = max(1, chunkLimit / max(1, t.rowBytes))
                var offset = 0
                while offset < t.byteCount {
                    let n = min(t.byteCount - offset, rowsPerChunk * t.rowBytes)
                    let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n])
                    t.fill(chunk, offset)
                    try handle.write(contentsOf: Data(bytesNoCopy: chunk.baseAddress!, count: n, deallocator: .none))
                    offset += n
                    written += n
                    progress(written)
                }
                let pad = align(t.byteCount) - t.byteCount
                if pad > 0 { try handle.write(contentsOf: Data(count: pad)) }
            }
        } catch let error as GGUFError {
            throw error
        } catch {
            throw .writeFailed(file: path, reason: error.localizedDescription)
        }
    }
}

extension [UInt8] {
    mutating func append<T: FixedWidthInteger>(le value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    mutating func append(string: String) {
        let utf8 = Array(string.utf8)
        append(le: UInt64(utf8.count))
        append(contentsOf: utf8)
    }

    mutating func append(value: GGUFValue) {
        switch value {
        case .uint8(let v): append(le: v)
        case .int8(let v): append(le: v)
        case .uint16(let v): append(le: v)
        case .int16(let v): append(le: v)
        case .uint32(let v): append(le: v)
        case .int32(let v): append(le: v)
        case .float32(let v): append(le: v.bitPattern)
        case .bool(let v): append(le: UInt8(v ? 1 : 0))
        case .string(let s): append(string: s)
        case .uint64(let v): append(le: v)
        case .int64(let v): append(le: v)
        case .float64(let v): append(le: v.bitPattern)
        case .array(let element, let items):
            append(le: element.rawValue)
            append(le: UInt64(items.count))
            for item in items { append(value: item) }
        }
    }
}
