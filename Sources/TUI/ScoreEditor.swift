import Rubric

/// The score editor: five fields of 0–20, one focused; the total follows what is typed.
public struct ScoreEditor: Sendable, Hashable {
    /// The typed text per dimension, in ``Dimension/allCases`` order.
    public private(set) var fields: [String]
    /// The focused dimension's index.
    public private(set) var focus = 0
    /// Why the last key was refused, if it was.
    public private(set) var refusal: String?
    /// The scores the editor started from, nil when it started empty.
    public let original: Scores?
    /// Whether the focused field was just entered: the first digit typed then replaces its value, as in a
    /// spreadsheet cell, so typing `14` over a `9` gives 14, not a refused 914.
    public private(set) var freshField = true

    /// Creates an editor holding `scores`, or empty fields when there are none yet.
    public init(scores: Scores?) {
        original = scores
        fields = scores?.values.map(String.init) ?? Array(repeating: "", count: Dimension.allCases.count)
    }

    /// The focused dimension.
    public var focusedDimension: Dimension { Dimension.allCases[focus] }

    /// The value typed for each dimension (nil where the field is empty).
    public var values: [Int?] { fields.map { Int($0) } }

    /// The total of the typed values (empty fields count as 0).
    public var total: Int { values.reduce(0) { $0 + ($1 ?? 0) } }

    /// The scores when every field holds 0–20, else nil.
    public var scores: Scores? {
        let typed = values.compactMap { $0 }
        guard typed.count == Dimension.allCases.count else { return nil }
        return try? Scores(typed)
    }

    /// Applies a key: digits type into the focused field (the first digit in a field just entered replaces its
    /// value; refused past 20), Backspace deletes,
    /// Tab/↓ and Shift-Tab/↑ move the focus. Returns false for keys the editor does not use
    /// (Enter, Esc), which the caller handles.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        refusal = nil
        switch key {
        case .character(let c) where c.isASCII && c.isNumber:
            let candidate = freshField || fields[focus] == "0" ? String(c) : fields[focus] + String(c)
            guard let value = Int(candidate), value <= Scores.maximum else {
                refusal = "\(focusedDimension.title) must be 0–20; \(candidate) refused"
                return true
            }
            fields[focus] = String(value)
            freshField = false
        case .character(let c):
            refusal = "only digits 0–20 are scores; '\(SafeText.clean(String(c)))' refused"
        case .backspace, .delete:
            fields[focus] = String(fields[focus].dropLast())
            freshField = false
        case .tab, .down, .right:
            focus = (focus + 1) % fields.count
            freshField = true
        case .backTab, .up, .left:
            focus = (focus + fields.count - 1) % fields.count
            freshField = true
        default:
            return false
        }
        return true
    }

    /// Moves the focus to a dimension.
    public mutating func focus(on dimension: Dimension) {
        focus = Dimension.allCases.firstIndex(of: dimension) ?? 0
        freshField = true
    }
}
