import Tensor

extension Qwen2LanguageModel {
    /// One decode step of `tokens.count` independent sequences (at most `WeightMatrix.batchLimit`): token `i` goes
    /// into `caches[i]` at `positions[i]`. Every weight matrix is read once for all of them
    /// (`WeightMatrix.gemvBatch`); attention runs per sequence over its own cache. Each row of the returned hidden
    /// states (`tokens.count × hidden`) is bit-identical to a single-sequence ``forward(_:positions:cache:precision:)``
    /// step at `.quantized` precision.
    public func decode(_ tokens: [Int], positions: [MRoPEPosition], caches: [KVCache]) throws(QwenVLError) -> [Float] {
        let n = tokens.count
        guard n > 0 else { throw .emptyPrompt }
        precondition(positions.count == n && caches.count == n, "decode: one position and one cache per token")
        precondition(n <= WeightMatrix.batchLimit, "decode: at most \(WeightMatrix.batchLimit) sequences at once")
        precondition(
            Set(caches.map(ObjectIdentifier.init)).count == n, "decode: each sequence needs its own cache")
        for cache in caches where cache.count + 1 > cache.capacity {
            throw .contextFull(needed: cache.count + 1, capacity: cache.capacity)
        }
        let c = config
        let x = FloatBuffer(copying: try embed(tokens))
        let h = layers(x, rows: n, positions: positions) { jobs, input in
            WeightMatrix.gemvBatch(jobs, inputs: input, count: n)
        } attention: { layer, k, v, q, out in
            for (row, cache) in caches.enumerated() {
                cache.store(
                    layer: layer, start: cache.count, rows: 1, keys: k + row * c.kvWidth, values: v + row * c.kvWidth)
                attend(
                    layer: layer, queries: q + row * c.queryWidth, rows: 1, cache: cache,
                    into: out + row * c.queryWidth)
            }
        }
        for cache in caches { cache.count += 1 }
        return h.array
    }

    /// The logits of several rows of final hidden states (`rows.count × vocabularySize`), the output matrix read once
    /// per `WeightMatrix.batchLimit` rows; each row equals ``logits(hidden:row:precision:)`` at `.quantized`.
    public func logits(hidden: [Float], rows: [Int]) -> [Float] {
        let width = config.hidden
        let vocabulary = config.vocabularySize
        var out = [Float](repeating: 0, count: rows.count * vocabulary)
        for start in stride(from: 0, to: rows.count, by: WeightMatrix.batchLimit) {
            let chunk = Array(rows[start..<min(start + WeightMatrix.batchLimit, rows.count)])
            var input = [Float](repeating: 0, count: chunk.count * width)
            for (i, row) in chunk.enumerated() {
                precondition(row >= 0 && (row + 1) * width <= hidden.count, "logits: row \(row) is outside")
                input.replaceSubrange(i * width..<(i + 1) * width, with: hidden[row * width..<(row + 1) * width])
            }
            input.withUnsafeBufferPointer { ib in
                out.withUnsafeMutableBufferPointer { ob in
                    WeightMatrix.gemvBatch(
                        [(weights.output, ob.baseAddress! + start * vocabulary)], inputs: ib.baseAddress!,
                        count: chunk.count)
                }
            }
        }
        return out
    }
}
