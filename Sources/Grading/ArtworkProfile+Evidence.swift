import Rubric

extension ArtworkProfile {
    /// Rebuilds a profile from the evidence of an earlier built-in assessment,
    /// so a regrade or calibration need not decode the image again.
    ///
    /// Returns nil unless the evidence holds every image and description
    /// measure of the current ``BuiltinScorer/measurementVersion``.
    public init?(id: String, evidence: [Evidence], description: String, scorerID: String, scorerVersion: String) {
        guard scorerID == BuiltinScorer.identifier,
            scorerVersion.split(separator: "+").first.map(String.init) == BuiltinScorer.measurementVersion
        else { return nil }
        var m = Measurements()
        let values = Dictionary(evidence.map { ($0.measure, $0.value) }, uniquingKeysWith: { a, _ in a })
        for measure in Measure.allCases where !measure.isRelative {
            guard let value = values[measure.rawValue], value.isFinite else { return nil }
            m[measure] = value
        }
        self.init(id: id, measurements: m, words: DescriptionMeasurer.contentWords(description))
        // The description may have changed since: its measures are cheap, so take them afresh.
        DescriptionMeasurer.measure(description, into: &self.measurements)
    }
}
