/// Marsaglia's xorshift64 (13, 7, 17), the reproducible random source of the synthetic models that
/// `easel bench` writes and of generated test data.
public struct XorShift64 {
    /// The current state; never zero.
    public private(set) var state: UInt64

    /// Seeds from `seed` times the golden ratio, made odd so the state is never zero.
    public init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    /// Advances and returns the new state.
    public mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
