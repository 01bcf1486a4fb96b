import Foundation
import GGUF
import Tensor

/// Quantizes a GGUF model file (F32, F16 or BF16 weights) to Q8_0 or Q4_K_M as llama-quantize does: the metadata is
/// copied with `general.file_type` and `general.quantization_version` set, each tensor converted per the
/// `QuantizationPlan` (or copied), rows spread over the engine's thread pool. The output streams to disk in chunks
/// and appears under its name only when complete.
public struct ModelQuantizer {
    /// The input file.
    public let input: GGUFFile
    /// What each tensor becomes.
    public let plan: QuantizationPlan

    /// Plans the quantization of `input`; throws when a tensor to quantize is already quantized or cannot be read.
    public init(input: GGUFFile, scheme: QuantizationScheme) throws(QuantizeError) {
        let arch = input.architecture ?? ""
        let layers: Int
        do {
            layers = try input.metadata.int("\(arch).block_count", default: 0)
        } catch {
            throw .file(error)
        }
        let plan = QuantizationPlan(scheme: scheme, tensors: input.tensors, layers: layers)
        for e in plan.entries where e.converts {
            switch e.from {
            case .f32, .f16, .bf16: break
            default: throw .alreadyQuantized(file: input.path, tensor: e.name, type: e.from.description)
            }
            guard e.to.isQuantizable else {
                throw .cannotConvert(file: input.path, tensor: e.name, from: e.from.description, to: e.to.description)
            }
        }
        self.input = input
        self.plan = plan
    }

    /// Opens `path` and plans its quantization.
    public init(path: String, scheme: QuantizationScheme) throws(QuantizeError) {
        let file: GGUFFile
        do {
            file = try GGUFFile(path: path)
        } catch {
            throw .file(error)
        }
        try self.init(input: file, scheme: scheme)
    }

    /// Bytes of tensor data the output will hold.
    public var outputDataBytes: Int {
        plan.entries.reduce(0) { sum, e in
            sum + (e.to.rowBytes(elements: e.dims[0]) ?? 0) * e.dims.dropFirst().reduce(1, *)
        }
    }

    /// The output's metadata: the input's in order, split keys dropped, file type and quantization version set.
    func metadata(into writer: inout GGUFWriter) {
        let dropped: Set = ["general.alignment", "split.no", "split.count", "split.tensors.count"]
        for key in input.metadata.keys where !dropped.contains(key) {
            if let value = input.metadata[key] { writer.set(key, value) }
        }
        writer.set("general.quantization_version", .uint32(2))
        writer.set("general.file_type", .uint32(plan.scheme.fileType))
    }

    /// Writes the quantized model to `path` (through `path.partial`, renamed when complete). `progress` is called
    /// on the calling thread with the output bytes written so far and the total.
    public func write(to path: String, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in })
        throws(QuantizeError)
    {
        let inputURL = URL(fileURLWithPath: input.path).standardizedFileURL.resolvingSymlinksInPath()
        let outputURL = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        guard inputURL.path != outputURL.path else { throw .sameFile(file: path) }
        var writer = GGUFWriter(alignment: input.alignment)
        metadata(into: &writer)
        let total = outputDataBytes
        let source = input
        do {
            for e in plan.entries {
                let info = try source.requireTensor(e.name)
                let data = source.bytes(of: info)
                if !e.converts {
                    try writer.addTensor(name: e.name, type: e.to, dims: e.dims) { buffer, offset in
                        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: data[offset..<offset + buffer.count]))
                    }
                } else {
                    let cols = e.dims[0]
                    let inRow = e.from.rowBytes(elements: cols)!
                    let outRow = e.to.rowBytes(elements: cols)!
                    let (from, to) = (e.from, e.to)
                    try writer.addTensor(name: e.name, type: to, dims: e.dims) { buffer, offset in
                        let firstRow = offset / outRow
                        let rows = buffer.count / outRow
                        Self.convert(
                            rows: rows, cols: cols, from: from, source: data.baseAddress! + firstRow * inRow,
                            sourceRowBytes: inRow, to: to, destination: buffer.baseAddress!, destinationRowBytes: outRow
                        )
                    }
                }
            }
        } catch {
            throw .file(error)
        }
        let partial = path + ".partial"
        do {
            try writer.write(to: partial) { written in progress(written, total) }
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw .file(error)
        }
        do {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw .file(.writeFailed(file: path, reason: error.localizedDescription))
        }
    }

    /// Converts `rows` rows (dequantize to f32, quantize to `to`) with the rows split over the thread pool; each
    /// worker keeps one row of floats.
    static func convert(
        rows: Int, cols: Int, from: GGMLType, source: UnsafeRawPointer, sourceRowBytes: Int, to: GGMLType,
        destination: UnsafeMutableRawPointer, destinationRowBytes: Int
    ) {
        // A Q4_K row of 1536 values takes about 60 µs; 16 rows per range keep the pool's overhead small.
        Parallel.forRanges(rows, minimumChunk: max(1, 16_384 / max(cols, 1)), chunksPerThread: 4) { range in
            let floats = UnsafeMutablePointer<Float>.allocate(capacity: cols)
            defer { floats.deallocate() }
            for r in range {
                Kernels.dequantize(from, source + r * sourceRowBytes, into: floats, count: cols)
                Kernels.quantize(to, floats, into: destination + r * destinationRowBytes, count: cols)
            }
        }
    }
}
