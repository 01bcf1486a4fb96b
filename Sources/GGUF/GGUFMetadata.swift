/// The key–value metadata of a GGUF file, in file order, with typed accessors. Integer accessors accept any
/// integer width (llama.cpp does too); float accessors accept floats and integers. Errors name the file and key.
public struct GGUFMetadata: Sendable {
    /// The file the metadata came from (for error messages).
    public let file: String
    /// Keys in file order.
    public let keys: [String]
    /// All entries.
    public let entries: [String: GGUFValue]

    init(file: String, keys: [String], entries: [String: GGUFValue]) {
        self.file = file
        self.keys = keys
        self.entries = entries
    }

    /// The raw value of `key`, or nil.
    public subscript(key: String) -> GGUFValue? { entries[key] }

    /// Whether `key` is present.
    public func contains(_ key: String) -> Bool { entries[key] != nil }

    func require(_ key: String) throws(GGUFError) -> GGUFValue {
        guard let value = entries[key] else { throw .missingKey(file: file, key: key) }
        return value
    }

    func mismatch(_ key: String, _ expected: String, _ value: GGUFValue) -> GGUFError {
        .wrongKeyType(file: file, key: key, expected: expected, found: value.typeDescription)
    }

    /// An integer key (any integer type).
    public func int(_ key: String) throws(GGUFError) -> Int {
        let value = try require(key)
        guard let v = value.intValue else { throw mismatch(key, "an integer", value) }
        return v
    }

    /// An integer key, or `defaultValue` when absent.
    public func int(_ key: String, default defaultValue: Int) throws(GGUFError) -> Int {
        contains(key) ? try int(key) : defaultValue
    }

    /// A float key (float32, float64 or any integer).
    public func float(_ key: String) throws(GGUFError) -> Float {
        let value = try require(key)
        guard let v = value.doubleValue else { throw mismatch(key, "a number", value) }
        return Float(v)
    }

    /// A float key, or `defaultValue` when absent.
    public func float(_ key: String, default defaultValue: Float) throws(GGUFError) -> Float {
        contains(key) ? try float(key) : defaultValue
    }

    /// A string key.
    public func string(_ key: String) throws(GGUFError) -> String {
        let value = try require(key)
        guard case .string(let s) = value else { throw mismatch(key, "a string", value) }
        return s
    }

    /// A string key, or `defaultValue` when absent.
    public func string(_ key: String, default defaultValue: String) throws(GGUFError) -> String {
        contains(key) ? try string(key) : defaultValue
    }

    /// A bool key (a bool, or an integer: nonzero is true).
    public func bool(_ key: String) throws(GGUFError) -> Bool {
        let value = try require(key)
        if case .bool(let b) = value { return b }
        guard let v = value.intValue else { throw mismatch(key, "a bool", value) }
        return v != 0
    }

    /// A bool key, or `defaultValue` when absent.
    public func bool(_ key: String, default defaultValue: Bool) throws(GGUFError) -> Bool {
        contains(key) ? try bool(key) : defaultValue
    }

    func array(_ key: String, _ expected: String) throws(GGUFError) -> [GGUFValue] {
        let value = try require(key)
        guard case .array(_, let items) = value else { throw mismatch(key, expected, value) }
        return items
    }

    /// An array of strings.
    public func strings(_ key: String) throws(GGUFError) -> [String] {
        let items = try array(key, "an array of strings")
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .string(let s) = item else { throw mismatch(key, "an array of strings", entries[key]!) }
            out.append(s)
        }
        return out
    }

    /// An array of integers (any integer element type).
    public func ints(_ key: String) throws(GGUFError) -> [Int] {
        let items = try array(key, "an array of integers")
        var out: [Int] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard let v = item.intValue else { throw mismatch(key, "an array of integers", entries[key]!) }
            out.append(v)
        }
        return out
    }

    /// An array of numbers as floats (float or integer elements).
    public func floats(_ key: String) throws(GGUFError) -> [Float] {
        let items = try array(key, "an array of numbers")
        var out: [Float] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard let v = item.doubleValue else { throw mismatch(key, "an array of numbers", entries[key]!) }
            out.append(Float(v))
        }
        return out
    }

    /// The element count of an array key, or nil when absent or not an array.
    public func arrayCount(_ key: String) -> Int? {
        guard case .array(_, let items) = entries[key] else { return nil }
        return items.count
    }
}
