/// Originality: how far an artwork lies from the rest of its class.
///
/// Each feature is standardised with the mean and deviation of the *other*
/// artworks (leave-one-out), so an artwork that is unusual in this batch
/// scores high whatever the batch looks like.
enum OriginalityMeasurer {
    /// Fewer other artworks than this and originality is reported as neutral.
    static let minimumPeers = 2
    /// Deviation floor, so a feature on which every peer agrees does not explode.
    static let deviationFloor = 0.05

    /// How far the treatment goes beyond a schematic first take: the mean of the detail, fine-texture,
    /// palette-size and hue-entropy features (0...1). It belongs to the artwork alone, but is filled in here
    /// with the other originality measures, from the stored image measurements.
    static func elaboration(_ m: Measurements) -> Double {
        let parts: [Measure] = [.detail, .fineTexture, .paletteSize, .hueEntropy]
        return parts.reduce(0) { $0 + m.normalized($1) } / Double(parts.count)
    }

    /// Fills the originality measures of `profile` against `peers`; returns the measurements.
    static func measure(_ profile: ArtworkProfile, peers: [ArtworkProfile]) -> Measurements {
        var m = profile.measurements
        m.classSize = peers.count
        m[.elaboration] = elaboration(m)
        guard peers.count >= minimumPeers else {
            m[.featureDistance] = 1
            m[.nearestDistance] = 0.75
            m[.wordRarity] = 0.5
            return m
        }
        let v = profile.measurements.profileVector
        let others = peers.map(\.measurements.profileVector)
        let k = Double(others.count)
        var mean = [Double](repeating: 0, count: v.count)
        var deviation = [Double](repeating: 0, count: v.count)
        for j in v.indices {
            let s = others.reduce(0) { $0 + $1[j] }
            mean[j] = s / k
            let s2 = others.reduce(0) { $0 + ($1[j] - mean[j]) * ($1[j] - mean[j]) }
            deviation[j] = max(deviationFloor, (s2 / max(1, k - 1)).squareRoot())
        }
        func rms(_ a: [Double], _ b: [Double]) -> Double {
            var s = 0.0
            for j in a.indices {
                let z = (a[j] - b[j]) / deviation[j]
                s += z * z
            }
            return (s / Double(max(1, a.count))).squareRoot()
        }
        m[.featureDistance] = rms(v, mean)
        m[.nearestDistance] = others.map { rms(v, $0) }.min() ?? 0
        if profile.words.isEmpty {
            m[.wordRarity] = 0
        } else {
            let used = peers.reduce(into: Set<String>()) { $0.formUnion($1.words) }
            m[.wordRarity] = Double(profile.words.subtracting(used).count) / Double(profile.words.count)
        }
        return m
    }
}
