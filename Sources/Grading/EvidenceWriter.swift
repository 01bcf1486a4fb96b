import Foundation
import Rubric

/// Turns measurements into plain-word facts: short noun phrases that a
/// critique can quote ("a wide palette of about 14 distinct colours",
/// "marks filling only the left half of the page").
///
/// Notes never use the rubric's band words, so that only the score sentences
/// carry them and text and number cannot disagree.
public enum EvidenceWriter {
    /// Every measurement of an artwork as ``Evidence``, in ``Measure/allCases`` order.
    public static func evidence(_ m: Measurements) -> [Evidence] {
        Measure.allCases.map {
            Evidence(dimension: $0.dimension, measure: $0.rawValue, value: m[$0], note: note($0, m))
        }
    }

    /// The plain-word note for one measurement.
    public static func note(_ measure: Measure, _ m: Measurements) -> String {
        let v = m[measure]
        let pct = Int((v * 100).rounded())
        switch measure {
        case .colorfulness:
            if v < 12 { return "almost no colour beyond greys, black and white" }
            if v < 30 { return "gentle, muted colour" }
            if v < 55 { return "clear, lively colour" }
            return "vivid, saturated colour throughout"
        case .paletteSize:
            let k = Int(v)
            if k <= 2 { return "only one or two colours" }
            if k <= 5 { return "a small palette of about \(k) colours" }
            if k <= 12 { return "a palette of about \(k) distinct colours" }
            return "a wide palette of about \(k) distinct colours"
        case .hueEntropy:
            if m[.colorfulness] < 8 || v == 0 { return "hardly any hue at all" }
            if v < 0.8 { return "colours from a single family of hues" }
            if v < 2 { return "a few related hues" }
            return "a wide range of \(temperature(m[.warmShare]))"
        case .warmShare:
            if m[.hueEntropy] == 0 { return "no clear colour temperature" }
            return "mostly \(temperature(v))"
        case .saturationSpread:
            if v < 0.1 { return "colours of much the same intensity" }
            if v < 0.2 { return "some shift between soft and bright colour" }
            return "soft and intense colours side by side"
        case .valueSpread:
            if v < 0.1 { return "little change between light and dark" }
            if v < 0.22 { return "a moderate range of light and dark" }
            return "a full range of values from light to dark"
        case .contrast:
            if v < 0.3 { return "low light–dark contrast" }
            if v < 0.6 { return "moderate light–dark contrast" }
            return "bold light–dark contrast"
        case .edgeDensity:
            if v < 0.02 { return "very few marks or edges" }
            if v < 0.12 { return "lines and edges across about \(pct)% of the surface" }
            return "busy marks and edges across about \(pct)% of the surface"
        case .fineTexture:
            if v < 0.05 { return "little texture inside the shapes" }
            if v < 0.2 { return "some brushwork or shading inside the shapes" }
            return "rich brushwork, shading or grain across about \(pct)% of the picture"
        case .orientationEntropy:
            if m[.edgeDensity] < 0.005 { return "too few strokes to show a direction" }
            if v < 0.6 { return "strokes running mostly in one direction" }
            if v < 0.85 { return "strokes in several directions" }
            return "strokes running in many directions"
        case .localVariance:
            if v < 0.03 { return "smooth, flat areas" }
            if v < 0.07 { return "some variation across the surface" }
            return "a richly varied, worked surface"
        case .strokeVariety:
            if m[.coverage] < 0.001 { return "no marks to compare" }
            if v < 0.6 { return "marks of one similar size" }
            if v < 1.1 { return "some variety in the size of marks" }
            return "a mix of thin lines and broad areas"
        case .strokeWidth:
            if v == 0 { return "no visible marks" }
            if v < 1 { return "fine, thin lines" }
            if v < 3 { return "medium-width marks" }
            return "broad strokes and filled areas"
        case .coverage:
            if v < 0.15 { return "marks covering only about \(pct)% of the page" }
            if v < 0.45 { return "marks covering about \(pct)% of the page" }
            return "shapes and colour filling about \(pct)% of the page"
        case .balance, .balanceLeftRight, .balanceTopBottom:
            return balanceNote(m)
        case .spaceUse:
            if v > 0.9 { return "little of the page left empty" }
            if v > 0.6 { return "some areas of the page left empty" }
            return "large parts of the page left empty"
        case .thirdsWeight:
            if v >= 1.3 { return "main shapes lined up on the thirds of the page" }
            return "little weight on the thirds lines"
        case .centreWeight:
            if v >= 2 { return "a clear focal point in the centre" }
            if v >= 1.2 { return "weight gathered towards the centre" }
            return "a fairly open centre"
        case .detail:
            if v < 0.005 { return "no areas of fine detail yet" }
            if v < 0.15 { return "detail in only about \(pct)% of the picture" }
            if v < 0.45 { return "detail in about \(pct)% of the picture" }
            return "detail worked into about \(pct)% of the picture"
        case .descriptionWords:
            let n = Int(v)
            if n == 0 { return "no description from the artist" }
            if n < 8 { return "a short description of \(n) word\(n == 1 ? "" : "s")" }
            if n < 25 { return "a description of \(n) words" }
            return "a full description of \(n) words"
        case .descriptionSpecificity:
            let k = Int(v)
            if k == 0 { return "no specific words in the description" }
            return "\(k) specific word\(k == 1 ? "" : "s") in the description"
        case .featureDistance:
            if (m.classSize ?? 0) < OriginalityMeasurer.minimumPeers { return "too few other artworks to compare with" }
            if m.substance < 0.4 { return "so little on the page that there is not much to set it apart" }
            if v * m.substance < 0.7 { return "colour, marks and layout close to the class's typical piece" }
            if v * m.substance < 1.3 {
                return "colour, marks and layout that differ somewhat from the rest of the class"
            }
            return "colour, marks and layout that stand clearly apart from the rest of the class"
        case .nearestDistance:
            if (m.classSize ?? 0) < OriginalityMeasurer.minimumPeers { return "no class to compare with yet" }
            if v * m.substance < 0.4 { return "a close look-alike elsewhere in the class" }
            if v * m.substance < 0.9 { return "a few similar pieces in the class" }
            return "no close look-alike in the class"
        case .elaboration:
            if v < 0.2 { return "a simple, schematic treatment" }
            if v < 0.45 { return "a treatment developed some way beyond a first sketch" }
            return "a treatment worked well beyond the obvious first take"
        case .wordRarity:
            let n = Int(m[.descriptionSpecificity])
            if n == 0 { return "no description words to compare" }
            if (m.classSize ?? 0) < OriginalityMeasurer.minimumPeers { return "description words not yet compared" }
            let k = Int((v * Double(n)).rounded())
            if n == 1 {
                return k == 1
                    ? "a specific description word used by no one else in the class"
                    : "a specific description word that others in the class use too"
            }
            if k == n { return "all \(n) specific description words used by no one else in the class" }
            if k == 0 { return "specific description words that others in the class use too" }
            return "\(k) of \(n) specific description words used by no one else in the class"
        }
    }

    /// "warm and cool colours", "warm hues (reds, oranges and yellows)", ...
    static func temperature(_ warmShare: Double) -> String {
        if warmShare > 0.7 { return "warm hues (reds, oranges and yellows)" }
        if warmShare < 0.3 { return "cool hues (blues, greens and purples)" }
        return "warm and cool colours"
    }

    /// Which way the visual weight leans, in words.
    static func balanceNote(_ m: Measurements) -> String {
        guard m[.coverage] > 0.001 else { return "nothing on the page yet to balance" }
        let lr = m[.balanceLeftRight], tb = m[.balanceTopBottom]
        let horizontal = abs(lr) >= abs(tb)
        let lean = horizontal ? lr : tb
        let side = horizontal ? (lean < 0 ? "left" : "right") : (lean < 0 ? "top" : "bottom")
        if abs(lean) > 0.9 { return "marks filling only the \(side) half of the page" }
        if abs(lean) > 0.6 { return "marks gathered mostly in the \(side) half of the page" }
        if abs(lean) > 0.25 { return "visual weight leaning a little to the \(side)" }
        return "visual weight spread evenly across the page"
    }
}
