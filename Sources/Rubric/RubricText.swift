/// The rubric as teachers read it, embedded from `design/RUBRIC.md` (never read from disk at run time): what each
/// dimension looks at, and the bands with their points and words. The review's rubric card and the student report
/// show it.
public enum RubricText {
    /// What a dimension looks at, in the rubric's full words.
    public static func looksAt(_ dimension: Dimension) -> String {
        switch dimension {
        case .originality:
            "how unexpected the idea, subject or treatment is, against what the rest of the class made and against "
                + "the obvious take on the theme"
        case .color:
            "range and control of colour: palette, harmony or deliberate contrast, value, how colour serves the idea"
        case .texture:
            "surface and mark-making: variety and control of strokes, lines, patterns, the material's qualities"
        case .composition:
            "arrangement: balance, focal point, use of the whole space, movement of the eye, depth"
        case .content:
            "what the work says: subject clarity, storytelling, detail and elaboration, fit with the artist's "
                + "description"
        }
    }

    /// The opening of the rubric.
    public static let summary =
        "Five dimensions, weighted equally, each scored 0–20; the total creativity score is their sum, 0–100."

    /// The total's bands, as the rubric states them.
    public static let totalBands =
        "Total bands (0–100): 85+ exceptional, 65–84 strong, 45–64 competent, 25–44 developing, below 25 beginning."

    /// What a critique is, as the rubric states it.
    public static let critique =
        "A critique is addressed to the student or about the work, 60–150 words, one or two sentences per "
        + "dimension, each naming something visible in the work; it opens with a strength and ends with one "
        + "concrete next step."

    /// The descriptor of `band` in `dimension`: the band word, its points, and what the dimension looks at
    /// ("strong (13–16 of 20) in color: range and control of colour: …").
    public static func descriptor(_ band: Band, in dimension: Dimension) -> String {
        let range = band.subScoreRange
        return "\(band.word) (\(range.lowerBound)–\(range.upperBound) of 20) in \(dimension.rawValue): "
            + looksAt(dimension)
    }
}
