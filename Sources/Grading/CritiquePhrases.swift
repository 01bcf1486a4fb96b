import Foundation
import Rubric

/// The wording the critique writer chooses from. Slots: `{S}` the dimension
/// as a sentence subject, `{s}` its bare noun, `{B}` / `{b}` the band word
/// (capitalised / not), `{1}` `{2}` evidence notes.
enum CritiquePhrases {
    static func subjects(_ d: Rubric.Dimension) -> [String] {
        switch d {
        case .originality: ["Originality", "The originality of the piece", "The freshness of the idea"]
        case .color: ["Colour", "The use of colour", "The colour work"]
        case .texture: ["Texture", "The mark-making", "The surface work"]
        case .composition: ["Composition", "The arrangement", "The composition"]
        case .content: ["Content", "The content", "The subject matter"]
        }
    }

    static func noun(_ d: Rubric.Dimension) -> String {
        switch d {
        case .originality: "originality"
        case .color: "colour"
        case .texture: "texture"
        case .composition: "composition"
        case .content: "content"
        }
    }

    /// Two-evidence sentences for the strong and exceptional bands.
    static let high = [
        "{S} is {b}, with {1} and {2}.",
        "{S} is {b}: {1} together with {2}.",
        "{B} {s} comes from {1} and {2}.",
        "{S} is {b}, built on {1} and {2}.",
    ]
    /// Two-evidence sentences for the competent band (one higher, one lower note).
    static let middle = [
        "{S} is {b}, with {1} but {2}.",
        "{S} is {b}, combining {1} with {2}.",
        "{S} is {b}, pairing {1} with {2}.",
        "{B} {s} here: {1}, though also {2}.",
    ]
    /// Two-evidence sentences for the developing and beginning bands.
    static let low = [
        "{S} is {b} so far, with {1} and {2}.",
        "{S} is still {b}: {1} and {2}.",
        "{S} is {b} for now, showing {1} and {2}.",
        "{B} {s} at this stage, with {1} and {2}.",
    ]
    /// One-evidence sentences, used when the critique must be shorter.
    static let single = [
        "{S} is {b}, with {1}.",
        "{S} is {b}: {1}.",
        "{B} {s} here, with {1}.",
    ]

    /// Openers naming the work's best evidence.
    static let openers = [
        "A real strength of this piece is {1}.",
        "What stands out first is {1}.",
        "The clearest strength of the work is {1}.",
        "This piece starts from a real strength: {1}.",
        "The first thing to praise is {1}.",
    ]

    /// Sentences on the total.
    static let totals = [
        "Overall the work scores {t} of 100, which counts as {b}.",
        "Taken together, the piece comes to {t} of 100, which is {b}.",
        "In total it earns {t} of 100, {b} work overall.",
    ]

    /// Frames for the closing next step.
    static let nextSteps = [
        "Next step: {1}.",
        "As a next step, {1}.",
        "One concrete next step: {1}.",
        "To take it further, {1}.",
    ]

    /// One concrete thing to try, aimed at a weak measurement.
    static func advice(_ measure: Measure, _ m: Measurements) -> String {
        switch measure {
        case .colorfulness: return "add a few areas of purer, brighter colour"
        case .paletteSize: return "mix two or three new colours and use them in the background as well"
        case .hueEntropy, .warmShare:
            return m[.warmShare] > 0.5
                ? "bring in a contrasting cool hue, such as a blue or green, against the warm areas"
                : "bring in a contrasting warm hue, such as an orange or red, against the cool areas"
        case .saturationSpread: return "set a few intense colours against softer, quieter ones"
        case .valueSpread, .contrast: return "add darker darks and keep some lights clean, so the main shapes stand out"
        case .edgeDensity: return "add lines, patterns or textures inside the larger shapes"
        case .orientationEntropy: return "let the strokes change direction to follow the form of each shape"
        case .fineTexture: return "work texture into the flat areas with dabs, hatching or gradual shading"
        case .localVariance: return "build up the surface with layered strokes, dots or hatching"
        case .strokeVariety, .strokeWidth: return "combine thin outlines with broader filled areas"
        case .coverage: return "carry the picture out towards the edges so the whole page takes part"
        case .balance, .balanceLeftRight, .balanceTopBottom:
            return "add something on the \(emptierSide(m)) side of the page to balance the weight"
        case .spaceUse: return "fill the empty areas with a background or a setting for the subject"
        case .thirdsWeight: return "try placing the main subject on one of the thirds lines rather than the edge"
        case .centreWeight: return "give the picture one clear focal point that the eye goes to first"
        case .detail: return "add smaller details inside and around the main subject"
        case .descriptionWords: return "write two or three sentences about what the picture shows and why"
        case .descriptionSpecificity: return "name the particular places, objects or moments in the description"
        case .featureDistance, .nearestDistance:
            return "try an unexpected viewpoint, material or colour scheme that no one else in the class used"
        case .elaboration:
            return "push the idea past the first version that comes to mind: add a setting, a viewpoint or a story"
        case .wordRarity: return "give the idea a personal twist and describe it in fresh words"
        }
    }

    static func emptierSide(_ m: Measurements) -> String {
        let lr = m[.balanceLeftRight], tb = m[.balanceTopBottom]
        if abs(lr) >= abs(tb) { return lr < 0 ? "right" : "left" }
        return tb < 0 ? "lower" : "upper"
    }

    /// Fills a template's slots.
    static func fill(
        _ template: String, dimension: Rubric.Dimension? = nil, subject: String = "", band: Band? = nil,
        totalWord: String? = nil, total: Int? = nil, notes: [String] = []
    ) -> String {
        var s = template
        if let dimension {
            s = s.replacingOccurrences(of: "{S}", with: subject)
            s = s.replacingOccurrences(of: "{s}", with: noun(dimension))
        }
        if let word = band?.word ?? totalWord {
            s = s.replacingOccurrences(of: "{B}", with: word.prefix(1).uppercased() + word.dropFirst())
            s = s.replacingOccurrences(of: "{b}", with: word)
        }
        if let total { s = s.replacingOccurrences(of: "{t}", with: String(total)) }
        for (i, note) in notes.enumerated() { s = s.replacingOccurrences(of: "{\(i + 1)}", with: note) }
        return s
    }
}
