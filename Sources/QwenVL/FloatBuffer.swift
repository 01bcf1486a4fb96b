/// A zero-filled heap buffer of floats for the forward pass's activations, freed with the object.
final class FloatBuffer {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(_ count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    /// A buffer holding a copy of `values`.
    convenience init(copying values: [Float]) {
        self.init(values.count)
        values.withUnsafeBufferPointer { if let base = $0.baseAddress { pointer.update(from: base, count: count) } }
    }

    deinit { pointer.deallocate() }

    /// The values as an array.
    var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
