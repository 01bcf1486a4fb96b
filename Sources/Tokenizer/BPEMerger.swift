/// Applies merge rules to one pre-tokenized piece: the bytes start as single-byte tokens in a linked list,
/// and a min-heap of candidate pairs ordered by (rank, position) picks the next merge. Stale heap entries are
/// skipped when popped, so a piece of n bytes costs O(n log n) table look-ups.
struct BPEMerger {
    private struct Candidate {
        var key: UInt64  // rank << 32 | position: the heap order
        var left: Int32
        var right: Int32
    }

    private var ids: [Int32] = []
    private var next: [Int32] = []
    private var previous: [Int32] = []
    private var heap: [Candidate] = []

    /// Appends the token ids of `bytes` to `output`.
    mutating func encode(
        _ bytes: UnsafeBufferPointer<UInt8>, byteTokens: [Int32], merges: MergeTable, into output: inout [Int32]
    ) {
        let n = bytes.count
        if n == 0 { return }
        if n == 1 {
            output.append(byteTokens[Int(bytes[0])])
            return
        }
        ids.removeAll(keepingCapacity: true)
        next.removeAll(keepingCapacity: true)
        previous.removeAll(keepingCapacity: true)
        heap.removeAll(keepingCapacity: true)
        for i in 0..<n {
            ids.append(byteTokens[Int(bytes[i])])
            next.append(Int32(i + 1))
            previous.append(Int32(i - 1))
        }
        for i in 0..<(n - 1) { push(at: i, merges: merges) }
        while let candidate = pop() {
            let i = Int(candidate.key & 0xFFFF_FFFF)
            let j = Int(next[i])
            guard ids[i] == candidate.left, j < n, ids[j] == candidate.right,
                let rule = merges.find(candidate.left, candidate.right)
            else { continue }
            ids[i] = rule.merged
            ids[j] = -1
            let after = next[j]
            next[i] = after
            if Int(after) < n { previous[Int(after)] = Int32(i) }
            if previous[i] >= 0 { push(at: Int(previous[i]), merges: merges) }
            if Int(after) < n { push(at: i, merges: merges) }
        }
        var i = 0
        while i < n {
            output.append(ids[i])
            i = Int(next[i])
        }
    }

    private mutating func push(at i: Int, merges: MergeTable) {
        let j = Int(next[i])
        guard let rule = merges.find(ids[i], ids[j]) else { return }
        heap.append(
            Candidate(key: UInt64(UInt32(bitPattern: rule.rank)) << 32 | UInt64(i), left: ids[i], right: ids[j]))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].key < heap[parent].key else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func pop() -> Candidate? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        heap[0] = last
        var parent = 0
        let count = heap.count
        while true {
            let left = 2 * parent + 1
            if left >= count { break }
            var smallest = left
            if left + 1 < count, heap[left + 1].key < heap[left].key { smallest = left + 1 }
            guard heap[smallest].key < heap[parent].key else { break }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
        return top
    }
}
