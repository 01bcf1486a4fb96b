/// Keys and values of every processed token, per layer and KV head: head `h` of layer `l` is a contiguous
/// `capacity × headDim` block, so one head's keys are read with unit stride. Slots fill in order; a slot index
/// is not a rotary position (after an image they differ), which is why positions are passed separately.
public final class KVCache {
    /// How many tokens fit.
    public let capacity: Int
    /// How many slots are filled.
    public internal(set) var count = 0
    let layers: Int
    let kvHeads: Int
    let headDim: Int
    let keys: UnsafeMutablePointer<Float>
    let values: UnsafeMutablePointer<Float>

    /// An empty cache for `capacity` tokens of a model with `config`.
    public init(config: Qwen2Config, capacity: Int) {
        self.capacity = max(1, capacity)
        layers = config.layers
        kvHeads = config.kvHeads
        headDim = config.headDim
        let size = layers * kvHeads * self.capacity * headDim
        keys = .allocate(capacity: size)
        values = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        values.initialize(repeating: 0, count: size)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    /// Forgets every token (the memory is kept).
    public func reset() { count = 0 }

    /// The first key of head `head` in layer `layer`.
    func keyBase(layer: Int, head: Int) -> UnsafeMutablePointer<Float> {
        keys + ((layer * kvHeads + head) * capacity) * headDim
    }

    /// The first value of head `head` in layer `layer`.
    func valueBase(layer: Int, head: Int) -> UnsafeMutablePointer<Float> {
        values + ((layer * kvHeads + head) * capacity) * headDim
    }

    /// Stores rows of keys and values (each `kvHeads × headDim` wide) for slots `start ..< start + rows`.
    func store(layer: Int, start: Int, rows: Int, keys k: UnsafePointer<Float>, values v: UnsafePointer<Float>) {
        let width = kvHeads * headDim
        for row in 0..<rows {
            for head in 0..<kvHeads {
                let offset = (start + row) * headDim
                (keyBase(layer: layer, head: head) + offset).update(
                    from: k + row * width + head * headDim, count: headDim)
                (valueBase(layer: layer, head: head) + offset).update(
                    from: v + row * width + head * headDim, count: headDim)
            }
        }
    }
}

extension KVCache {
    /// Replaces this cache's contents with the first `count` slots of `source` (a shared prompt prefix), head by
    /// head; both caches must belong to the same model.
    public func copyPrefix(of source: KVCache, count: Int) {
        precondition(
            source.layers == layers && source.kvHeads == kvHeads && source.headDim == headDim,
            "copyPrefix: the caches belong to different models")
        precondition(count <= source.count && count <= capacity, "copyPrefix: \(count) slots do not fit")
        for layer in 0..<layers {
            for head in 0..<kvHeads {
                keyBase(layer: layer, head: head).update(
                    from: source.keyBase(layer: layer, head: head), count: count * headDim)
                valueBase(layer: layer, head: head).update(
                    from: source.valueBase(layer: layer, head: head), count: count * headDim)
            }
        }
        self.count = count
    }
}

extension KVCache {
    /// Counts the next `count` slots as filled with whatever they hold (zeros in a new cache): a long context for
    /// timing decode without prefilling one (`easel bench decode`). What the model computes over such slots is
    /// meaningless; attention costs the same.
    public func assumeFilled(_ count: Int) {
        precondition(count >= 0 && self.count + count <= capacity, "assumeFilled: \(count) slots do not fit")
        self.count += count
    }
}
