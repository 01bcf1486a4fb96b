import Foundation
import Rubric

/// Turns measurements into the teacher's evidence: one short note per
/// measurement, with its number, said only under the condition that makes it
/// true ("no colour temperature" only when there is no colour; "of the sheet"
/// only when a sheet was found).
///
/// Notes never use the rubric's band words, so that only the critique's score
/// sentences carry them and text and number cannot disagree.
public enum EvidenceWriter {
    /// Every measurement of an artwork as ``Evidence``, in ``Measure/allCases`` order.
    public static func evidence(_ m: Measurements) -> [Evidence] {
        Measure.allCases.map {
            Evidence(dimension: $0.dimension, measure: $0.rawValue, value: m[$0], note: note($0, m))
        }
    }

    /// "sheet" when the sheet of paper was found and measured alone, else "photo".
    static func surface(_ m: Measurements) -> String { m[.sheet] > 0 ? "sheet" : "photo" }

    /// The note for one measurement.
    public static func note(_ measure: Measure, _ m: Measurements) -> String {
        let v = m[measure]
        let pct = Int((v * 100).rounded())
        let page = surface(m)
        switch measure {
        case .sheet:
            if v > 0 { return "sheet of paper found (\(pct)% of the photo); measured on the flattened sheet only" }
            return "no sheet of paper found: the whole photo was measured, table or floor included"
        case .colorfulness:
            let c = Int(v.rounded())
            if m.isMonochrome { return "colourfulness \(c): black, white and greys only" }
            if v < 30 { return "colourfulness \(c): gentle, muted colour" }
            if v < 55 { return "colourfulness \(c): clear, lively colour" }
            return "colourfulness \(c): vivid, saturated colour"
        case .paletteSize:
            let k = Int(v)
            return m.isMonochrome ? "\(k) distinct tones of grey" : "\(k) distinct colours (of 64 bins, 0.5% each)"
        case .hueEntropy:
            if m.isMonochrome { return "no hues to count" }
            let bits = String(format: "%.1f", v)
            if v < 0.8 { return "hue spread \(bits) bits: one family of hues" }
            if v < 2 { return "hue spread \(bits) bits: a few related hues" }
            return "hue spread \(bits) bits: a wide range of hues"
        case .warmShare:
            if m.isMonochrome { return "no colour, so no warm or cool temperature" }
            return "\(pct)% of the coloured marks warm: \(temperature(v))"
        case .mainColour, .secondColour:
            guard let name = ColourName.stored(v) else {
                return measure == .mainColour ? "no marks to name a colour" : "no second colour of note"
            }
            return measure == .mainColour ? "most of the marks are \(name.word)" : "next most common: \(name.word)"
        case .saturationSpread:
            let s = String(format: "%.2f", v)
            if m.isMonochrome { return "saturation spread \(s): no colour intensity to vary" }
            if v < 0.1 { return "saturation spread \(s): colours of one intensity" }
            if v < 0.2 { return "saturation spread \(s): some soft and some bright colour" }
            return "saturation spread \(s): soft and intense colour side by side"
        case .valueSpread:
            let s = String(format: "%.2f", v)
            if v < 0.1 { return "value spread \(s): little change from light to dark" }
            if v < 0.22 { return "value spread \(s): a moderate range of light and dark" }
            return "value spread \(s): a full range from light to dark"
        case .contrast:
            if v < 0.3 { return "contrast \(pct)%: low" }
            if v < 0.6 { return "contrast \(pct)%: moderate" }
            return "contrast \(pct)%: bold darks against lights"
        case .edgeDensity:
            return "edges on \(pct)% of the \(page)"
        case .fineTexture:
            return "gentle shading, brushwork or grain on \(pct)% of the \(page)"
        case .orientationEntropy:
            if m[.edgeDensity] < 0.005 { return "too few strokes to show a direction" }
            let s = String(format: "%.2f", v)
            if v < 0.6 { return "stroke directions \(s): mostly one direction" }
            if v < 0.85 { return "stroke directions \(s): several directions" }
            return "stroke directions \(s): many directions"
        case .localVariance:
            let s = String(format: "%.3f", v)
            if v < 0.03 { return "local variation \(s): smooth, flat areas" }
            if v < 0.07 { return "local variation \(s): some variation across the surface" }
            return "local variation \(s): a richly worked surface"
        case .strokeVariety:
            if m[.coverage] < 0.001 { return "no marks to compare" }
            let s = String(format: "%.2f", v)
            if v < 0.6 { return "mark-size variety \(s): marks of one size" }
            if v < 1.1 { return "mark-size variety \(s): some variety in mark size" }
            return "mark-size variety \(s): thin lines and broad areas"
        case .strokeWidth:
            if m[.coverage] < 0.001 { return "no visible marks" }
            let s = String(format: "%.1f", v)
            return "typical mark \(s)% of the longest side wide: \(MarkStyle(m).phrase)"
        case .coverage:
            return "marks cover \(pct)% of the \(page)"
        case .spaceUse:
            let cells = Int((v * 64).rounded())
            return "marks reach \(cells) of 64 parts of the \(page)"
        case .balance, .balanceLeftRight, .balanceTopBottom:
            return balanceNote(m)
        case .thirdsWeight:
            let s = String(format: "%.1f", v)
            if m[.coverage] < 0.001 { return "no marks on the thirds lines" }
            return v >= 1.3 ? "weight on the thirds lines \(s)× an even spread" : "thirds weight \(s)× an even spread"
        case .centreWeight:
            let s = String(format: "%.1f", v)
            if m[.coverage] < 0.001 { return "nothing in the centre yet" }
            if v >= 2 { return "centre weight \(s)× an even spread: a focal point in the middle" }
            if v >= 1.2 { return "centre weight \(s)× an even spread: weight towards the middle" }
            return "centre weight \(s)× an even spread: an open centre"
        case .detail:
            return "fine detail in \(pct)% of the \(page)'s areas"
        case .regions:
            let k = Int(v)
            return k == 1 ? "1 distinct shape" : "\(k) distinct shapes"
        case .figureGround:
            if m[.subjectSize] == 0 { return "no main subject found: nothing stands out from the ground" }
            return "contrast at the main subject's outline \(pct)%: \(SubjectLook(m).clarity.phrase)"
        case .subjectSize:
            if v == 0 { return "no main subject found" }
            return "the main subject takes \(pct)% of the \(page) (outline filled)"
        case .subjectX, .subjectY:
            if m[.subjectSize] == 0 { return "no main subject to place" }
            let x = Int((m[.subjectX] * 100).rounded()), y = Int((m[.subjectY] * 100).rounded())
            return "the main subject's centre is \(x)% across and \(y)% down: \(SubjectLook(m).place)"
        case .descriptionWords:
            let n = Int(v)
            if n == 0 { return "no description from the artist" }
            return "a description of \(n) word\(n == 1 ? "" : "s")"
        case .descriptionSpecificity:
            if m[.descriptionWords] == 0 { return "no description to read" }
            let k = Int(v)
            return "\(k) specific word\(k == 1 ? "" : "s") in the description"
        case .featureDistance:
            if (m.classSize ?? 0) < OriginalityMeasurer.minimumPeers { return "too few other artworks to compare with" }
            let s = String(format: "%.2f", v)
            if m.substance < 0.4 { return "distance from the class \(s), but too little on the \(page) to count" }
            if v * m.substance < 0.7 { return "distance from the class \(s): close to the typical piece" }
            if v * m.substance < 1.3 { return "distance from the class \(s): differs somewhat" }
            return "distance from the class \(s): stands clearly apart"
        case .nearestDistance:
            if (m.classSize ?? 0) < OriginalityMeasurer.minimumPeers { return "no class to compare with yet" }
            let s = String(format: "%.2f", v)
            if v * m.substance < 0.4 { return "nearest look-alike \(s): a close look-alike in the class" }
            if v * m.substance < 0.9 { return "nearest look-alike \(s): a few similar pieces" }
            return "nearest look-alike \(s): no close look-alike"
        case .elaboration:
            return "elaboration \(pct)% (detail, shading, palette and hue range together)"
        case .wordRarity:
            let n = Int(m[.descriptionSpecificity])
            if n == 0 { return "no description words to compare" }
            if (m.classSize ?? 0) < OriginalityMeasurer.minimumPeers { return "description words not yet compared" }
            let k = Int((v * Double(n)).rounded())
            return "\(k) of \(n) specific description word\(n == 1 ? "" : "s") used by no one else in the class"
        }
    }

    /// "warm hues", "cool hues" or "warm and cool hues", from the share of warm coloured marks.
    static func temperature(_ warmShare: Double) -> String {
        if warmShare >= 0.7 { return "mostly warm hues (reds, oranges, yellows)" }
        if warmShare <= 0.3 { return "mostly cool hues (blues, greens, purples)" }
        return "warm and cool hues mixed"
    }

    /// Which way the visual weight leans, with its size.
    static func balanceNote(_ m: Measurements) -> String {
        guard m[.coverage] > 0.001 else { return "nothing on the \(surface(m)) yet to balance" }
        let lr = m[.balanceLeftRight], tb = m[.balanceTopBottom]
        let horizontal = abs(lr) >= abs(tb)
        let lean = horizontal ? lr : tb
        let side = horizontal ? (lean < 0 ? "left" : "right") : (lean < 0 ? "top" : "bottom")
        let share = Int(((abs(lean) + 1) / 2 * 100).rounded())
        if abs(lean) <= 0.25 { return "weight spread evenly: no half holds more than \(share)%" }
        return "\(share)% of the weight in the \(side) half"
    }
}

/// Whether the marks are mostly lines, mostly filled areas, or both, from the measured mark width and variety.
struct MarkStyle {
    enum Kind { case lines, filled, mixed }
    let kind: Kind

    init(_ m: Measurements) {
        if m[.strokeWidth] < 1.5 && m[.coverage] < 0.25 {
            kind = .lines
        } else if m[.strokeWidth] >= 3 && m[.strokeVariety] < 1.1 {
            kind = .filled
        } else {
            kind = m[.strokeVariety] >= 1.1 || m[.coverage] >= 0.25 ? .mixed : .lines
        }
    }

    var phrase: String {
        switch kind {
        case .lines: "mostly lines"
        case .filled: "mostly filled areas"
        case .mixed: "lines and filled areas"
        }
    }
}

/// What the content measurements say about the main subject, in words: how clearly it stands out, where it
/// sits and how much of the page it takes. The evidence, the critique and the consistency check share it.
struct SubjectLook {
    enum Clarity: CaseIterable {
        case none, faint, visible, clear

        /// How the critique says it (``CritiquePhrases/mainShape(_:rng:)`` picks one; ``EvidenceCheck`` looks
        /// for all of them).
        var critiquePhrases: [String] {
            switch self {
            case .none: ["no main shape"]
            case .faint: ["is hard to pick out from the background"]
            case .visible: ["stands out well enough", "can be picked out"]
            case .clear: ["stands out clearly", "is easy to see at once"]
            }
        }

        var phrase: String {
            switch self {
            case .none: "no main subject"
            case .faint: "it blends into the ground"
            case .visible: "it stands out from the ground"
            case .clear: "it stands out clearly from the ground"
            }
        }
    }

    let clarity: Clarity
    /// One of ``places``.
    let place: String
    /// One of ``sizes``.
    let size: String

    /// Where a subject can sit, as the critique says it.
    static let places = ["in the middle", "left of centre", "right of centre", "near the top", "near the bottom"]
    /// How much of the page a subject can take, as the critique says it, smallest first; ``sizeLimits`` are the
    /// subject sizes below which each applies.
    static let sizes = ["a small part of", "about a quarter of", "about a third of", "about half of", "most of"]
    static let sizeLimits = [0.18, 0.3, 0.42, 0.65]

    /// The contrast at the outline from which a subject counts as visible, and as clear.
    static let visible = 0.2
    static let clear = 0.4

    init(_ m: Measurements) {
        let g = m[.figureGround]
        clarity = m[.subjectSize] == 0 ? .none : g >= Self.clear ? .clear : g >= Self.visible ? .visible : .faint
        let dx = m[.subjectX] - 0.5, dy = m[.subjectY] - 0.5
        if max(abs(dx), abs(dy)) < 0.12 {
            place = Self.places[0]
        } else if abs(dx) >= abs(dy) {
            place = Self.places[dx < 0 ? 1 : 2]
        } else {
            place = Self.places[dy < 0 ? 3 : 4]
        }
        let s = m[.subjectSize]
        size = Self.sizes[Self.sizeLimits.firstIndex { s < $0 } ?? Self.sizeLimits.count]
    }
}

extension Measurements {
    /// Whether the artwork has no colour to speak of: neither of its two most common mark colours is a hue
    /// (each named colour covers 5 % of the marks or more), so it is black, grey or nothing on white.
    public var isMonochrome: Bool {
        ![self[.mainColour], self[.secondColour]].contains { ColourName.stored($0)?.isChromatic == true }
    }
}
