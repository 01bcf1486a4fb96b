/// One measured fact behind a score: what was measured, its value, and the
/// fact in plain words ("the marks fill only the left half of the page").
public struct Evidence: Codable, Sendable, Hashable {
    /// The dimension the measurement informs.
    public var dimension: Dimension
    /// A stable key for the measurement ("colorfulness", "edge_density").
    public var measure: String
    /// The measured value, in the measurement's own units.
    public var value: Double
    /// The fact in plain words, fit to quote in a critique.
    public var note: String

    /// Creates one piece of evidence.
    public init(dimension: Dimension, measure: String, value: Double, note: String) {
        self.dimension = dimension
        self.measure = measure
        self.value = value
        self.note = note
    }
}
