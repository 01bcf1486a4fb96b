import Foundation
import Rubric

/// One thing the built-in scorer measures, with the dimension it informs and
/// the fixed scale that turns its raw value into a feature in 0...1.
///
/// Raw values keep their own units (colourfulness on Hasler–Süsstrunk's scale,
/// fractions of the page, bits of entropy, words). The normalised value is
/// monotone in the raw value, so "more" always reads as "more" to the linear map.
public enum Measure: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable, Hashable {
    // Originality
    case featureDistance = "feature_distance"
    case nearestDistance = "nearest_distance"
    case wordRarity = "word_rarity"
    case elaboration
    // Colour
    case colorfulness
    case paletteSize = "palette_size"
    case hueEntropy = "hue_entropy"
    case saturationSpread = "saturation_spread"
    case valueSpread = "value_spread"
    case contrast
    case warmShare = "warm_share"
    /// The most common named colour of the marks, as ``ColourName`` index + 1 (0: no marks).
    case mainColour = "main_colour"
    /// The second most common named colour of the marks (0: none covers 5 % of the marks).
    case secondColour = "second_colour"
    // Texture
    case edgeDensity = "edge_density"
    case fineTexture = "fine_texture"
    case orientationEntropy = "orientation_entropy"
    case localVariance = "local_variance"
    case strokeVariety = "stroke_variety"
    case strokeWidth = "stroke_width"
    // Composition
    case coverage
    case balance
    case spaceUse = "space_use"
    case thirdsWeight = "thirds_weight"
    case centreWeight = "centre_weight"
    case balanceLeftRight = "balance_lr"
    case balanceTopBottom = "balance_tb"
    /// The share of the photo the sheet of paper takes; 0 when no sheet was found and the whole photo was measured.
    case sheet
    // Content
    case detail
    /// Distinct shapes: separate marked regions of at least 0.2 % of the sheet.
    case regions
    /// How clearly the main subject stands out from the ground: the contrast across its outline, 0...1.
    case figureGround = "figure_ground"
    /// The share of the sheet (or picture) the main subject takes, its outline filled.
    case subjectSize = "subject_size"
    /// Where the main subject's centre sits, across (0 left, 1 right) …
    case subjectX = "subject_x"
    /// … and down (0 top, 1 bottom).
    case subjectY = "subject_y"
    case descriptionWords = "description_words"
    case descriptionSpecificity = "description_specificity"

    /// The rubric dimension this measurement informs.
    public var dimension: Rubric.Dimension {
        switch self {
        case .featureDistance, .nearestDistance, .wordRarity, .elaboration: .originality
        case .colorfulness, .paletteSize, .hueEntropy, .saturationSpread, .valueSpread, .contrast, .warmShare,
            .mainColour, .secondColour:
            .color
        case .edgeDensity, .fineTexture, .orientationEntropy, .localVariance, .strokeVariety, .strokeWidth: .texture
        case .coverage, .balance, .spaceUse, .thirdsWeight, .centreWeight, .balanceLeftRight, .balanceTopBottom,
            .sheet:
            .composition
        case .detail, .regions, .figureGround, .subjectSize, .subjectX, .subjectY, .descriptionWords,
            .descriptionSpecificity:
            .content
        }
    }

    /// Whether the measurement is a feature of the linear map (else it only
    /// describes the work in evidence and critiques: hue temperature, stroke
    /// width, which side is heavier).
    public var isFeature: Bool {
        switch self {
        case .warmShare, .strokeWidth, .balanceLeftRight, .balanceTopBottom, .sheet, .mainColour, .secondColour,
            .subjectX, .subjectY:
            false
        default: true
        }
    }

    /// The map's features for one dimension, in a fixed order.
    public static func features(of dimension: Rubric.Dimension) -> [Measure] {
        allCases.filter { $0.dimension == dimension && $0.isFeature }
    }

    /// Whether the measurement comes from the class context rather than the artwork alone.
    public var isRelative: Bool { dimension == .originality }

    /// The raw value mapped into 0...1 on a fixed, documented scale.
    public func normalize(_ raw: Double) -> Double {
        guard raw.isFinite else { return 0 }
        let v: Double
        switch self {
        case .colorfulness: v = raw / 80  // Hasler–Süsstrunk: 0 grey, 33 moderate, 59 high, 82 extreme
        case .paletteSize: v = (raw - 1) / 20  // occupied bins of a 64-colour quantisation
        case .hueEntropy: v = raw / 3.585  // bits over 12 hue sectors, log2(12) at most
        case .saturationSpread, .valueSpread: v = raw / 0.3  // standard deviation of HSV S or V
        case .contrast, .warmShare, .balance, .spaceUse, .detail, .wordRarity, .orientationEntropy, .sheet: v = raw
        case .edgeDensity: v = raw / 0.25  // fraction of pixels on an edge
        case .fineTexture: v = raw / 0.5  // fraction of pixels with a gentle gradient (brushwork, shading, grain)
        case .localVariance: v = raw / 0.12  // mean luminance deviation in 8×8 blocks
        case .strokeVariety: v = raw / 1.5  // deviation of log2 mark widths
        case .strokeWidth: v = raw / 5  // median mark width in % of the longest side
        case .coverage: v = raw / 0.6  // fraction of the page that is not background
        case .thirdsWeight: v = (raw - 0.5) / 1.0  // weight on the thirds bands, against an even spread
        case .centreWeight: v = (raw - 0.5) / 1.5  // weight in the central ninth, against an even spread
        case .balanceLeftRight, .balanceTopBottom: v = (raw + 1) / 2  // signed share, right / bottom heavier
        case .mainColour, .secondColour: v = raw / Double(ColourName.allCases.count)
        case .regions: v = raw / 12  // distinct shapes; a dozen reads as a full scene
        case .figureGround: v = raw / 0.5  // contrast across the subject's outline; half the range reads as clear
        case .subjectSize: v = raw / 0.35  // a subject that takes a third of the page reads clearly
        case .subjectX, .subjectY: v = raw
        case .descriptionWords: v = log1p(max(0, raw)) / log1p(40)  // words, on a log scale up to 40
        case .descriptionSpecificity: v = raw / 12  // distinct specific words
        case .featureDistance: v = raw / 2  // leave-one-out standardised distance from the class
        case .nearestDistance: v = raw / 1.5  // standardised distance to the most similar other artwork
        case .elaboration: v = raw / 0.6  // mean of detail, fine texture, palette size and hue entropy features
        }
        return min(1, max(0, v))
    }
}
