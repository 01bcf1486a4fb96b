/// The five sub-scores of one artwork, each a whole number 0–20.
///
/// The total is always the sum of the sub-scores; it is derived, never
/// stored apart from them, so the two can never disagree.
public struct Scores: Codable, Sendable, Hashable {
    /// The largest sub-score.
    public static let maximum = 20
    /// The largest total.
    public static let maximumTotal = 100

    /// Originality, 0–20.
    public var originality: Int
    /// Color, 0–20.
    public var color: Int
    /// Texture, 0–20.
    public var texture: Int
    /// Composition, 0–20.
    public var composition: Int
    /// Content, 0–20.
    public var content: Int

    /// Creates scores after checking that each lies in 0–20.
    /// - Throws: ``RubricError/scoreOutOfRange(_:_:)`` naming the first bad dimension.
    public init(originality: Int, color: Int, texture: Int, composition: Int, content: Int) throws {
        self.originality = originality
        self.color = color
        self.texture = texture
        self.composition = composition
        self.content = content
        try validate()
    }

    /// Creates scores from a value per dimension, in ``Dimension/allCases`` order.
    /// - Throws: ``RubricError/wrongCount(_:)`` or ``RubricError/scoreOutOfRange(_:_:)``.
    public init(_ values: [Int]) throws {
        guard values.count == Dimension.allCases.count else { throw RubricError.wrongCount(values.count) }
        try self.init(
            originality: values[0], color: values[1], texture: values[2],
            composition: values[3], content: values[4])
    }

    /// Creates scores by rounding and clamping real-valued predictions into 0–20.
    public init(clamping values: [Double]) {
        precondition(values.count == Dimension.allCases.count, "one value per dimension")
        let clamped = values.map { v -> Int in
            guard v.isFinite else { return 0 }
            return Int(min(Double(Scores.maximum), max(0, v.rounded())))
        }
        originality = clamped[0]
        color = clamped[1]
        texture = clamped[2]
        composition = clamped[3]
        content = clamped[4]
    }

    /// The sum of the five sub-scores, 0–100.
    public var total: Int { originality + color + texture + composition + content }

    /// The band of the total.
    public var totalBand: Band { Band(total: total) }

    /// The sub-scores in ``Dimension/allCases`` order.
    public var values: [Int] { Dimension.allCases.map { self[$0] } }

    /// The sub-score of one dimension.
    public subscript(dimension: Dimension) -> Int {
        get {
            switch dimension {
            case .originality: originality
            case .color: color
            case .texture: texture
            case .composition: composition
            case .content: content
            }
        }
        set {
            switch dimension {
            case .originality: originality = newValue
            case .color: color = newValue
            case .texture: texture = newValue
            case .composition: composition = newValue
            case .content: content = newValue
            }
        }
    }

    /// The band of one dimension's sub-score.
    public func band(_ dimension: Dimension) -> Band { Band(subScore: self[dimension]) }

    /// Checks that every sub-score lies in 0–20.
    /// - Throws: ``RubricError/scoreOutOfRange(_:_:)`` naming the first bad dimension.
    public func validate() throws {
        for dimension in Dimension.allCases where !(0...Scores.maximum).contains(self[dimension]) {
            throw RubricError.scoreOutOfRange(dimension, self[dimension])
        }
    }

    /// Decodes the five sub-scores and checks that each lies in 0–20.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            originality: c.decode(Int.self, forKey: .originality),
            color: c.decode(Int.self, forKey: .color),
            texture: c.decode(Int.self, forKey: .texture),
            composition: c.decode(Int.self, forKey: .composition),
            content: c.decode(Int.self, forKey: .content))
    }
}
