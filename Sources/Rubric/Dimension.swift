/// One of the five rubric dimensions, each scored 0–20.
///
/// The order of ``allCases`` is the rubric's order and is used everywhere a
/// list of dimensions is shown or stored (reports, training data, the UI).
public enum Dimension: String, CaseIterable, Codable, Sendable, Hashable {
    case originality
    case color
    case texture
    case composition
    case content

    /// The dimension's name as shown to people ("Originality").
    public var title: String {
        rawValue.prefix(1).uppercased() + rawValue.dropFirst()
    }

    /// What the dimension looks at, in the words of the rubric.
    public var summary: String {
        switch self {
        case .originality:
            "how unexpected the idea, subject or treatment is, against what the rest of the class made"
        case .color:
            "range and control of colour: palette, harmony or deliberate contrast, value"
        case .texture:
            "surface and mark-making: variety and control of strokes, lines and patterns"
        case .composition:
            "arrangement: balance, focal point, use of the whole space, movement of the eye"
        case .content:
            "what the work says: subject clarity, storytelling, detail and elaboration"
        }
    }
}
