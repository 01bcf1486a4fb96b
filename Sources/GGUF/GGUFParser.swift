import Tensor

/// Parses the header, metadata and tensor table of a GGUF v2/v3 image held in memory.
struct GGUFParser {
    /// Deepest array nesting accepted (real files use depth 1).
    static let maximumArrayDepth = 8
    /// ggml's GGML_MAX_DIMS.
    static let maximumDims = 4

    var reader: ByteReader
    var version: UInt32 = 0
    var keys: [String] = []
    var entries: [String: GGUFValue] = [:]
    var tensors: [GGUFTensorInfo] = []
    var alignment = 32
    var dataOffset = 0

    init(base: UnsafeRawPointer, size: Int) {
        reader = ByteReader(base: base, size: size, offset: 0)
    }

    mutating func parse() throws(ParseFailure) {
        guard reader.size >= 24 else {
            throw ParseFailure(reason: "it is \(reader.size) bytes, shorter than a GGUF header (24 bytes)")
        }
        let magic = try reader.integer(UInt32.self, "magic")
        guard magic == 0x4655_4747 else { throw ParseFailure(reason: "it does not start with the bytes 'GGUF'") }
        version = try reader.integer(UInt32.self, "version")
        if version & 0xFFFF == 0 {
            throw ParseFailure(reason: "it is a big-endian GGUF file, which is not supported")
        }
        guard version == 2 || version == 3 else {
            throw ParseFailure(reason: "GGUF version \(version) is not supported (only 2 and 3)")
        }
        let tensorCount = try reader.count("tensor count")
        let kvCount = try reader.count("metadata count")
        // Each key-value pair takes at least 13 bytes, each tensor entry at least 24: bound the counts first.
        guard kvCount <= reader.remaining / 13 else {
            throw ParseFailure(reason: "metadata count \(kvCount) is larger than the file could hold")
        }
        guard tensorCount <= reader.remaining / 24 else {
            throw ParseFailure(reason: "tensor count \(tensorCount) is larger than the file could hold")
        }
        for index in 0..<kvCount {
            let key = try reader.string("metadata key #\(index)")
            guard entries[key] == nil else { throw ParseFailure(reason: "metadata key '\(shown(key))' appears twice") }
            let tag = try reader.integer(UInt32.self, "type of metadata key '\(shown(key))'")
            let value = try readValue(tag: tag, depth: 0, what: "metadata key '\(shown(key))'")
            keys.append(key)
            entries[key] = value
        }
        try readAlignment()
        var raw: [(name: String, dims: [Int], type: GGMLType, offset: Int)] = []
        raw.reserveCapacity(tensorCount)
        var names = Set<String>()
        for index in 0..<tensorCount {
            let entry = try readTensorInfo(index: index)
            guard names.insert(entry.name).inserted else {
                throw ParseFailure(reason: "tensor '\(shown(entry.name))' appears twice")
            }
            raw.append(entry)
        }
        let (padded, overflow) = reader.offset.addingReportingOverflow(alignment - 1)
        guard !overflow else { throw ParseFailure(reason: "the tensor table ends past any addressable offset") }
        dataOffset = padded / alignment * alignment
        for entry in raw { tensors.append(try place(entry)) }
    }

    mutating func readAlignment() throws(ParseFailure) {
        guard let value = entries["general.alignment"] else { return }
        guard let a = value.intValue, a > 0, a <= 1 << 30, a & (a - 1) == 0 else {
            throw ParseFailure(reason: "general.alignment must be a power of two, found \(value)")
        }
        alignment = a
    }

    mutating func readValue(tag: UInt32, depth: Int, what: String) throws(ParseFailure) -> GGUFValue {
        guard let type = GGUFValueType(rawValue: tag) else {
            throw ParseFailure(reason: "\(what) has unknown value type \(tag)")
        }
        switch type {
        case .uint8: return .uint8(try reader.integer(UInt8.self, what))
        case .int8: return .int8(try reader.integer(Int8.self, what))
        case .uint16: return .uint16(try reader.integer(UInt16.self, what))
        case .int16: return .int16(try reader.integer(Int16.self, what))
        case .uint32: return .uint32(try reader.integer(UInt32.self, what))
        case .int32: return .int32(try reader.integer(Int32.self, what))
        case .float32: return .float32(Float(bitPattern: try reader.integer(UInt32.self, what)))
        case .bool: return .bool(try reader.integer(UInt8.self, what) != 0)
        case .string: return .string(try reader.string(what))
        case .uint64: return .uint64(try reader.integer(UInt64.self, what))
        case .int64: return .int64(try reader.integer(Int64.self, what))
        case .float64: return .float64(Double(bitPattern: try reader.integer(UInt64.self, what)))
        case .array:
            guard depth < GGUFParser.maximumArrayDepth else {
                throw ParseFailure(reason: "\(what) nests arrays deeper than \(GGUFParser.maximumArrayDepth)")
            }
            let elementTag = try reader.integer(UInt32.self, "element type of \(what)")
            guard let element = GGUFValueType(rawValue: elementTag) else {
                throw ParseFailure(reason: "\(what) has unknown element type \(elementTag)")
            }
            let count = try reader.count("element count of \(what)")
            guard count <= reader.remaining / element.minimumSize else {
                throw ParseFailure(reason: "\(what) claims \(count) elements, more than the file could hold")
            }
            var items: [GGUFValue] = []
            items.reserveCapacity(count)
            for i in 0..<count {
                items.append(try readValue(tag: elementTag, depth: depth + 1, what: "element \(i) of \(what)"))
            }
            return .array(element, items)
        }
    }

    mutating func readTensorInfo(
        index: Int
    ) throws(ParseFailure) -> (name: String, dims: [Int], type: GGMLType, offset: Int) {
        let name = try reader.string("name of tensor #\(index)")
        let nDims = try reader.integer(UInt32.self, "dimension count of tensor '\(shown(name))'")
        guard nDims >= 1, nDims <= GGUFParser.maximumDims else {
            throw ParseFailure(reason: "tensor '\(shown(name))' has \(nDims) dimensions (1 to 4 allowed)")
        }
        var dims: [Int] = []
        var elements = 1
        for d in 0..<Int(nDims) {
            let raw = try reader.integer(UInt64.self, "dimension \(d) of tensor '\(shown(name))'")
            guard let v = Int(exactly: raw) else {
                throw ParseFailure(reason: "dimension \(d) of tensor '\(shown(name))' is \(raw), too large")
            }
            let (product, overflow) = elements.multipliedReportingOverflow(by: v)
            guard !overflow else { throw ParseFailure(reason: "tensor '\(shown(name))' has too many elements") }
            elements = product
            dims.append(v)
        }
        let typeID = try reader.integer(UInt32.self, "type of tensor '\(shown(name))'")
        guard let type = GGMLType(rawValue: typeID) else {
            let typeName = "\(GGMLType.name(id: typeID)) (id \(typeID))"
            throw ParseFailure(reason: "tensor '\(shown(name))' has type \(typeName)", unsupported: (name, typeName))
        }
        let offset = try reader.count("data offset of tensor '\(shown(name))'")
        return (name, dims, type, offset)
    }

    func place(_ entry: (name: String, dims: [Int], type: GGMLType, offset: Int)) throws(ParseFailure) -> GGUFTensorInfo
    {
        let name = entry.name
        guard entry.offset % alignment == 0 else {
            throw ParseFailure(
                reason: "tensor '\(shown(name))' starts at offset \(entry.offset), not a multiple of \(alignment)")
        }
        guard let rowBytes = entry.type.rowBytes(elements: entry.dims[0]) else {
            throw ParseFailure(
                reason: "tensor '\(shown(name))' has rows of \(entry.dims[0]) values, not a multiple of the "
                    + "\(entry.type) block size \(entry.type.blockElements)")
        }
        var bytes = rowBytes
        for d in entry.dims.dropFirst() {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: d)
            guard !overflow else { throw ParseFailure(reason: "tensor '\(shown(name))' is too large") }
            bytes = product
        }
        let (start, o1) = dataOffset.addingReportingOverflow(entry.offset)
        let (end, o2) = start.addingReportingOverflow(bytes)
        guard !o1, !o2, end <= reader.size else {
            throw ParseFailure(
                reason:
                    "tensor '\(shown(name))' (\(bytes) bytes at offset \(entry.offset)) runs past the end of the file "
                    + "(\(reader.size) bytes)")
        }
        return GGUFTensorInfo(name: name, dims: entry.dims, type: entry.type, fileOffset: start, byteCount: bytes)
    }
}
