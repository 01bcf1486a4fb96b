#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Picks the next token from logits: greedy at temperature 0, otherwise temperature-scaled softmax sampling
/// restricted to the `topK` most likely tokens and then to the smallest set whose probability reaches `topP`.
/// The random stream is seeded, so the same seed gives the same tokens.
public struct Sampler: Sendable {
    /// 0 means greedy (arg max).
    public var temperature: Float
    /// Keep only this many most likely tokens (0: all).
    public var topK: Int
    /// Keep the most likely tokens until their probabilities sum to this (1: all).
    public var topP: Float
    private var random: SplitMix64

    /// A sampler; throws for a negative temperature, negative top-k or top-p outside (0, 1].
    public init(temperature: Float = 0, topK: Int = 0, topP: Float = 1, seed: UInt64 = 0) throws(QwenVLError) {
        guard temperature >= 0, temperature.isFinite else { throw .badOption("temperature must be 0 or more") }
        guard topK >= 0 else { throw .badOption("top-k must be 0 (off) or more") }
        guard topP > 0, topP <= 1 else { throw .badOption("top-p must be in (0, 1]") }
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        random = SplitMix64(seed: seed)
    }

    /// The index of the largest logit (the lowest index among equals).
    public static func argmax(_ logits: [Float]) -> Int { logits.withUnsafeBufferPointer(argmax) }

    /// The index of the largest logit (the lowest index among equals), e.g. of one row of a batch's logits.
    public static func argmax(_ logits: UnsafeBufferPointer<Float>) -> Int {
        var best = 0
        for i in 1..<logits.count where logits[i] > logits[best] { best = i }
        return best
    }

    /// The `count` largest logits as (id, logit), largest first (the lower id first among equals); one pass.
    public static func top(_ logits: [Float], count: Int) -> [(id: Int, logit: Float)] {
        var best: [(id: Int, logit: Float)] = []
        guard count > 0 else { return best }
        best.reserveCapacity(count + 1)
        for (id, logit) in logits.enumerated() {
            if best.count == count, logit <= best[count - 1].logit { continue }
            var at = best.count
            while at > 0, best[at - 1].logit < logit { at -= 1 }
            best.insert((id, logit), at: at)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    /// The next token.
    public mutating func next(_ logits: [Float]) -> Int {
        if temperature == 0 || logits.count == 1 { return Self.argmax(logits) }
        // Tokens more than 30 temperatures below the best have relative probability < e^-30; leave them out
        // before sorting, so a 150k vocabulary costs a scan, not a full sort.
        let best = logits[Self.argmax(logits)]
        let floor = best - 30 * temperature
        var candidates = logits.indices.filter { logits[$0] >= floor }
        candidates.sort { logits[$0] > logits[$1] || (logits[$0] == logits[$1] && $0 < $1) }
        if topK > 0, topK < candidates.count { candidates.removeSubrange(topK...) }
        let maximum = logits[candidates[0]]
        var weights = candidates.map { Double(expf((logits[$0] - maximum) / temperature)) }
        let total = weights.reduce(0, +)
        if topP < 1 {
            var sum = 0.0
            var keep = weights.count
            for (i, w) in weights.enumerated() {
                sum += w / total
                if sum >= Double(topP) {
                    keep = i + 1
                    break
                }
            }
            candidates.removeSubrange(keep...)
            weights.removeSubrange(keep...)
        }
        let target = random.nextUnit() * weights.reduce(0, +)
        var sum = 0.0
        for (i, w) in weights.enumerated() {
            sum += w
            if target < sum { return candidates[i] }
        }
        return candidates[candidates.count - 1]
    }
}

/// A small, fast, seedable random generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
