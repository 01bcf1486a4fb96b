/// Byte strings numbered 0, 1, 2, … in the order they were appended, stored back to back, with an
/// open-addressing hash index from a byte string to its number (the first one wins for duplicates).
struct ByteStringTable: Sendable {
    /// All strings, back to back.
    private(set) var storage: [UInt8] = []
    /// String `i` is `storage[offsets[i] ..< offsets[i + 1]]`.
    private(set) var offsets: [Int32] = [0]
    /// Hash slots holding a string number, or -1 when empty.
    private var slots: [Int32]
    private var indexedCount = 0

    /// An empty table sized for about `capacity` strings.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        storage.reserveCapacity(capacity * 8)
        offsets.reserveCapacity(capacity + 1)
    }

    /// The number of strings.
    var count: Int { offsets.count - 1 }

    /// The bytes of string `id`.
    func bytes(_ id: Int) -> ArraySlice<UInt8> {
        storage[Int(offsets[id])..<Int(offsets[id + 1])]
    }

    /// The length in bytes of string `id`.
    func length(_ id: Int) -> Int { Int(offsets[id + 1] - offsets[id]) }

    /// Appends a string and returns its number; `indexed` false keeps it out of the hash index.
    @discardableResult
    mutating func append(_ bytes: some Collection<UInt8>, indexed: Bool = true) -> Int {
        let id = count
        storage.append(contentsOf: bytes)
        offsets.append(Int32(storage.count))
        if indexed { index(id) }
        return id
    }

    /// The number of a string equal to `bytes`, if one is indexed.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let mask = slots.count - 1
        return storage.withUnsafeBufferPointer { store in
            offsets.withUnsafeBufferPointer { offs in
                slots.withUnsafeBufferPointer { slot in
                    var position = Self.hash(bytes) & mask
                    while true {
                        let id = slot[position]
                        if id < 0 { return nil }
                        let start = Int(offs[Int(id)])
                        let end = Int(offs[Int(id) + 1])
                        if end - start == bytes.count, Self.equal(store, start, bytes) { return id }
                        position = (position + 1) & mask
                    }
                }
            }
        }
    }

    /// The number of a string equal to `bytes`, if one is indexed.
    func lookup(_ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBufferPointer { lookup($0) }
    }

    private mutating func index(_ id: Int) {
        if (indexedCount + 1) * 2 > slots.count { grow() }
        let found = storage.withUnsafeBufferPointer { store in
            lookup(UnsafeBufferPointer(rebasing: store[Int(offsets[id])..<Int(offsets[id + 1])]))
        }
        guard found == nil else { return }
        insertSlot(id)
        indexedCount += 1
    }

    private mutating func insertSlot(_ id: Int) {
        let mask = slots.count - 1
        let hash = storage.withUnsafeBufferPointer { store in
            Self.hash(UnsafeBufferPointer(rebasing: store[Int(offsets[id])..<Int(offsets[id + 1])]))
        }
        var position = hash & mask
        while slots[position] >= 0 { position = (position + 1) & mask }
        slots[position] = Int32(id)
    }

    private mutating func grow() {
        let old = slots
        slots = [Int32](repeating: -1, count: old.count * 2)
        for id in old where id >= 0 { insertSlot(Int(id)) }
    }

    private static func equal(_ store: UnsafeBufferPointer<UInt8>, _ start: Int, _ bytes: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        for k in 0..<bytes.count where store[start + k] != bytes[k] { return false }
        return true
    }

    /// FNV-1a over the bytes, with a final mix so the low bits are usable as a slot index.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }
}
