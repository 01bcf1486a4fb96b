import Rubric

/// The map from measurements to sub-scores: per dimension, an intercept plus
/// a weight for each of the dimension's normalised features (0...1), giving a
/// real-valued prediction that is rounded and clamped into 0–20.
///
/// ``default`` is the shipped map; calibration from teacher reviews replaces it.
public struct LinearMap: Codable, Sendable, Hashable {
    /// One dimension's linear function.
    public struct Row: Codable, Sendable, Hashable {
        /// The dimension this row predicts.
        public var dimension: Dimension
        /// The features, in the order of ``weights``.
        public var features: [Measure]
        /// The prediction when every feature is 0.
        public var intercept: Double
        /// One weight per feature, in points per unit of the normalised feature.
        public var weights: [Double]

        /// Creates a row; `weights` must have one entry per feature.
        public init(dimension: Dimension, features: [Measure], intercept: Double, weights: [Double]) {
            precondition(features.count == weights.count, "one weight per feature")
            self.dimension = dimension
            self.features = features
            self.intercept = intercept
            self.weights = weights
        }

        /// The real-valued prediction for these measurements (unclamped).
        public func predict(_ m: Measurements) -> Double {
            var y = intercept
            for (f, w) in zip(features, weights) { y += w * m.normalized(f) }
            return y
        }
    }

    /// One row per dimension, in ``Dimension/allCases`` order.
    public var rows: [Row]

    /// Creates a map; `rows` must cover every dimension once, in rubric order.
    public init(rows: [Row]) {
        precondition(rows.map(\.dimension) == Dimension.allCases, "one row per dimension, in rubric order")
        self.rows = rows
    }

    /// The row of one dimension.
    public subscript(dimension: Dimension) -> Row {
        get { rows[Dimension.allCases.firstIndex(of: dimension)!] }
        set { rows[Dimension.allCases.firstIndex(of: dimension)!] = newValue }
    }

    /// Real-valued predictions in ``Dimension/allCases`` order.
    public func predict(_ m: Measurements) -> [Double] {
        rows.map { $0.predict(m) }
    }

    /// Whole-number sub-scores, rounded and clamped into 0–20.
    public func scores(_ m: Measurements) -> Scores {
        Scores(clamping: predict(m))
    }

    /// The shipped map: each sub-score is 20 times a weighted mean of the
    /// dimension's features (weights sum to 1), plus a small base.
    ///
    /// | dimension | features (weight) |
    /// |---|---|
    /// | originality | feature distance 0.35, nearest distance 0.25, word rarity 0.15, elaboration 0.25 |
    /// | color | colourfulness 0.30, palette size 0.20, hue entropy 0.15, saturation spread 0.10, value spread 0.10, contrast 0.15 |
    /// | texture | fine texture 0.40, edge density 0.20, local variance 0.20, orientation entropy 0.10, stroke variety 0.10 |
    /// | composition | coverage 0.30, balance 0.20, space use 0.30, thirds 0.10, centre 0.10 |
    /// | content | detail 0.45, distinct shapes 0.05, figure–ground 0.10, subject size 0.10, description words 0.10, description specificity 0.20 |
    ///
    /// Content is carried by the picture (0.70 of the weight); the description only supports it. The content
    /// weights were chosen on `Training/evaluation/train.csv` alone (the best mean error among weightings in
    /// steps of 0.05 with every picture measure in and the description at most 0.30): detail tracks the
    /// labels best; a clear, outlined subject is common in simple drawings too, so it weighs little.
    public static let `default` = LinearMap(
        rows: defaultWeights.map { dimension, pairs in
            Row(
                dimension: dimension, features: pairs.map(\.0), intercept: defaultBase,
                weights: pairs.map { (Double(Scores.maximum) - defaultBase) * $0.1 })
        })

    /// The points every dimension starts from in the default map.
    static let defaultBase = 1.0

    static let defaultWeights: [(Dimension, [(Measure, Double)])] = [
        (
            .originality,
            [(.featureDistance, 0.35), (.nearestDistance, 0.25), (.wordRarity, 0.15), (.elaboration, 0.25)]
        ),
        (
            .color,
            [
                (.colorfulness, 0.30), (.paletteSize, 0.20), (.hueEntropy, 0.15), (.saturationSpread, 0.10),
                (.valueSpread, 0.10), (.contrast, 0.15),
            ]
        ),
        (
            .texture,
            [
                (.fineTexture, 0.40), (.edgeDensity, 0.20), (.localVariance, 0.20), (.orientationEntropy, 0.10),
                (.strokeVariety, 0.10),
            ]
        ),
        (
            .composition,
            [(.coverage, 0.30), (.balance, 0.20), (.spaceUse, 0.30), (.thirdsWeight, 0.10), (.centreWeight, 0.10)]
        ),
        (
            .content,
            [
                (.detail, 0.45), (.regions, 0.05), (.figureGround, 0.10), (.subjectSize, 0.10),
                (.descriptionWords, 0.10),
                (.descriptionSpecificity, 0.20),
            ]
        ),
    ]
}
