/// BPE merge rules keyed by the pair of token ids: `(left, right) → (rank, merged)`, in an open-addressing
/// table. A lower rank merges first. When a pair appears twice the first (lowest) rank is kept.
struct MergeTable: Sendable {
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var values: [UInt64]
    private(set) var count = 0

    /// An empty table sized for about `capacity` rules.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [UInt64](repeating: 0, count: size)
    }

    /// Adds a rule unless the pair already has one.
    mutating func insert(left: Int32, right: Int32, rank: Int32, merged: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let key = Self.key(left, right)
        let mask = keys.count - 1
        var position = Self.slot(key) & mask
        while keys[position] != Self.empty {
            if keys[position] == key { return }
            position = (position + 1) & mask
        }
        keys[position] = key
        values[position] = UInt64(UInt32(bitPattern: rank)) << 32 | UInt64(UInt32(bitPattern: merged))
        count += 1
    }

    /// The rule for a pair, if any.
    @inline(__always)
    func find(_ left: Int32, _ right: Int32) -> (rank: Int32, merged: Int32)? {
        let key = Self.key(left, right)
        return keys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            var position = Self.slot(key) & mask
            while true {
                let stored = keys[position]
                if stored == key {
                    let value = values[position]
                    return (Int32(bitPattern: UInt32(value >> 32)), Int32(bitPattern: UInt32(value & 0xFFFF_FFFF)))
                }
                if stored == Self.empty { return nil }
                position = (position + 1) & mask
            }
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: Self.empty, count: oldKeys.count * 2)
        values = [UInt64](repeating: 0, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for (key, value) in zip(oldKeys, oldValues) where key != Self.empty {
            var position = Self.slot(key) & mask
            while keys[position] != Self.empty { position = (position + 1) & mask }
            keys[position] = key
            values[position] = value
        }
    }

    @inline(__always)
    private static func key(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }

    @inline(__always)
    private static func slot(_ key: UInt64) -> Int {
        var h = key &* 0x9e37_79b9_7f4a_7c15
        h ^= h >> 31
        return Int(truncatingIfNeeded: h)
    }
}
