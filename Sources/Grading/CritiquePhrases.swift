import Foundation
import Rubric

/// The plain words the critique writer chooses from, each under the condition
/// that makes it true. Slots: `{b}` / `{B}` the band word (filled by
/// ``CritiqueParts``), `{t}` the total.
///
/// Sentences are short and the words everyday ones, so a child of 12 can read
/// them (Flesch–Kincaid grade 7 or lower, checked on every critique in the tests).
/// "Strong" is only ever a band word here, so the consistency check can trust it.
enum CritiquePhrases {
    /// A strength the opening can praise: how much it stands out, and ways to say it.
    struct Strength {
        var dimension: Rubric.Dimension
        var weight: Double
        var clauses: [String]
    }

    /// "the sheet" or "the picture" (when no sheet was found, the photo is all there is).
    static func page(_ m: Measurements) -> String { m[.sheet] > 0 ? "the sheet" : "the picture" }

    /// The colours of the marks by name: "red and blue", "yellow", or nil when there are none.
    static func colourNames(_ m: Measurements) -> String? {
        let names = [ColourName.stored(m[.mainColour]), ColourName.stored(m[.secondColour])].compactMap { $0 }
        let chromatic = names.filter(\.isChromatic)
        guard !m.isMonochrome, !chromatic.isEmpty else { return nil }
        return chromatic.map(\.word).joined(separator: " and ")
    }

    /// The ink of a work without colour: "black" or "grey".
    static func ink(_ m: Measurements) -> String {
        ColourName.stored(m[.mainColour]) == .grey ? "grey" : "black"
    }

    /// The strengths this artwork has, each only when its measurement shows it.
    static func strengths(_ m: Measurements) -> [Strength] {
        var out: [Strength] = []
        let marks = m[.coverage] > 0.002
        if let names = colourNames(m), m[.colorfulness] >= 25 {
            out.append(
                .init(
                    dimension: .color, weight: m.normalized(.colorfulness),
                    clauses: [
                        "The bright \(names) \(names.contains(" and ") ? "catch" : "catches") the eye right away.",
                        "The \(names) \(names.contains(" and ") ? "colours are" : "colour is") bold and easy to enjoy.",
                    ]))
        }
        if m[.contrast] >= 0.6 && marks {
            out.append(
                .init(
                    dimension: .color, weight: m[.contrast] * 0.8,
                    clauses: [
                        "The dark parts stand out clearly against the light ones.",
                        "Your darks and lights make each shape easy to see.",
                    ]))
        }
        if m[.detail] >= 0.25 {
            out.append(
                .init(
                    dimension: .content, weight: m.normalized(.detail),
                    clauses: ["There are lots of small details to look at.", "You took care to add plenty of detail."]))
        }
        if m[.coverage] >= 0.5 {
            out.append(
                .init(
                    dimension: .composition, weight: m.normalized(.coverage) * 0.9,
                    clauses: [
                        "You used the whole of \(page(m)) with confidence.",
                        "Your marks fill \(page(m)) from edge to edge.",
                    ]))
        }
        if MarkStyle(m).kind == .lines && m[.edgeDensity] >= 0.02 {
            out.append(
                .init(
                    dimension: .texture, weight: 0.6 + m.normalized(.edgeDensity) * 0.3,
                    clauses: ["Your lines are clear and sure.", "The lines are drawn with a steady hand."]))
        }
        if m[.fineTexture] >= 0.15 {
            out.append(
                .init(
                    dimension: .texture, weight: m.normalized(.fineTexture) * 0.9,
                    clauses: ["The shading gives the surface real life.", "The soft shading makes the surface rich."]))
        }
        if m[.regions] >= 6 {
            let k = Int(m[.regions])
            out.append(
                .init(
                    dimension: .content, weight: m.normalized(.regions) * 0.85,
                    clauses: [
                        "You fit \(k) separate shapes into one picture.", "There are \(k) shapes here, each one clear.",
                    ]))
        }
        if MarkStyle(m).kind == .lines && m[.edgeDensity] >= 0.005 && m[.edgeDensity] < 0.02 {
            let colour = colourNames(m)?.split(separator: " ").first.map(String.init) ?? ink(m)
            out.append(
                .init(
                    dimension: .texture, weight: 0.4,
                    clauses: [
                        "The light \(colour) lines keep the drawing clean and simple.",
                        "Your \(colour) outline shows the shape clearly.",
                    ]))
        }
        if m[.regions] >= 2 && m[.regions] < 6 {
            out.append(
                .init(
                    dimension: .content, weight: 0.3,
                    clauses: ["Each of the main shapes is easy to pick out.", "The main shapes are easy to see."]))
        }
        if marks && m[.balance] >= 0.8 {
            out.append(
                .init(
                    dimension: .composition, weight: 0.5,
                    clauses: [
                        "The picture feels well balanced from side to side.",
                        "The weight of the picture is nicely even.",
                    ]))
        }
        if (m.classSize ?? 0) >= OriginalityMeasurer.minimumPeers && m[.featureDistance] * m.substance >= 1.3 {
            out.append(
                .init(
                    dimension: .originality, weight: 0.75,
                    clauses: [
                        "Your piece looks like no other in the class.",
                        "This piece stands apart from the rest of the class.",
                    ]))
        }
        return out
    }

    /// The part on one dimension: one sentence with its band word and something visible that the measurements show.
    static func dimension(_ d: Rubric.Dimension, _ m: Measurements, hasDescription: Bool, rng: inout SplitMix64)
        -> String
    {
        let marks = m[.coverage] > 0.002
        switch d {
        case .originality:
            if (m.classSize ?? 0) < OriginalityMeasurer.minimumPeers {
                return "Originality is {b}, but there were too few other pieces to compare it with."
            }
            let apart = m[.featureDistance] * m.substance
            if apart >= 1.3 {
                return rng.pick([
                    "Originality is {b}: it looks unlike the other pieces.",
                    "Originality is {b}, as your way of working is your own.",
                    "Originality is {b}: no other piece in the class looks like it.",
                ])
            }
            if apart >= 0.7 {
                return rng.pick([
                    "Originality is {b}: some parts are like other pieces, and some are new.",
                    "Originality is {b}, with parts that feel fresh.",
                    "Originality is {b}: it shares some ideas with the class but adds its own.",
                    "Originality is {b}, since a few parts are new to the class.",
                    "Originality is {b}: part of it is your own, and part is like the rest.",
                    "Originality is {b}, mixing shared ideas with a few fresh ones.",
                ])
            }
            return rng.pick([
                "Originality is {b}: it looks a lot like other pieces in the class.",
                "Originality is {b}, as many pieces in the class look like this one.",
                "Originality is {b}: it is close to what others in the class made.",
                "Originality is {b}, because it follows the same plan as many others.",
                "Originality is {b}: the idea is one many in the class had.",
            ])
        case .color:
            if !marks { return "Colour is {b}: there is no colour on \(page(m)) yet." }
            guard let names = colourNames(m) else {
                return rng.pick([
                    "Colour is {b}: you worked in \(ink(m)) on white.",
                    "Colour is {b}, as the picture is all \(ink(m)) and white.",
                    "Colour is {b}: there is only \(ink(m)), with no other colour.",
                ])
            }
            let plural = names.contains(" and ")
            if let main = ColourName.stored(m[.mainColour]), !main.isChromatic {
                return rng.pick([
                    "Colour is {b}: mostly \(main.word) lines, with some \(names).",
                    "Colour is {b}, with \(main.word) marks and a little \(names).",
                ])
            }
            var s = rng.pick([
                plural
                    ? "Colour is {b}: the main colours are \(names)." : "Colour is {b}: the main colour is \(names).",
                "Colour is {b}, with lots of \(names).",
                // "Mostly" only for two or more names: one named colour can be the most common at a third of the
                // marks (Matisse's Woman with a Hat was told "I see mostly blue").
                plural ? "Colour is {b}: I see mostly \(names)." : "Colour is {b}: \(names) is the colour I see most.",
            ])
            let it = plural ? "they feel" : "it feels"
            // "Mostly", never "all": at the 0.7 / 0.3 thresholds up to 30% of the coloured area is the other temperature
            // (the Samples' fjord, a blue dusk under an orange sky, was told "all cool colour").
            if m[.warmShare] >= 0.7 {
                s = String(s.dropLast()) + rng.pick([", and \(it) warm.", "; the colours are mostly warm."])
            } else if m[.warmShare] <= 0.3 {
                s = String(s.dropLast()) + rng.pick([", and \(it) cool.", "; the colours are mostly cool."])
            }
            return s
        case .texture:
            if !marks { return "Texture is {b}: there are no marks yet." }
            let shading = m[.fineTexture] >= 0.1 ? rng.pick([", plus some shading", ", plus a little shading"]) : ""
            let colour = ColourName.stored(m[.mainColour])?.word ?? ink(m)
            switch MarkStyle(m).kind {
            case .lines:
                return rng.pick([
                    "Texture is {b}: the picture is made of \(colour) lines\(shading).",
                    "Texture is {b}, as you drew it mostly with \(colour) lines\(shading).",
                    "Texture is {b}: it is a line drawing in \(colour)\(shading).",
                    "Texture is {b}, built from thin \(colour) lines\(shading).",
                ])
            case .filled:
                return rng.pick([
                    "Texture is {b}: most of it is filled areas\(shading).",
                    "Texture is {b}, as you filled in big areas\(shading).",
                    "Texture is {b}: the shapes are filled in flat\(shading).",
                ])
            case .mixed:
                return rng.pick([
                    "Texture is {b}: you mix lines with filled areas\(shading).",
                    "Texture is {b}, with lines and filled shapes\(shading).",
                    "Texture is {b}: some parts are lines and some are filled\(shading).",
                ])
            }
        case .composition:
            if !marks { return "Composition is {b}: \(page(m)) is still empty." }
            let pct = Int((m[.coverage] * 100).rounded())
            let cover =
                pct >= 90
                ? "the marks cover nearly all of \(page(m))"
                : pct < 3
                    ? "the marks cover only a little of \(page(m))" : "the marks cover about \(pct)% of \(page(m))"
            return "Composition is {b}: \(cover), " + whereMarks(m, rng: &rng)
        case .content:
            // Distinct shapes are counted where marks sit on a ground; a painting covered edge to edge floods
            // into one region, so there only the detail is said.
            let k = Int(m[.regions])
            let shapes =
                k >= 2 ? "about \(k) separate shapes" : k == 1 && m[.coverage] < 0.6 ? "one main shape" : nil
            let detail =
                m[.detail] >= 0.3 ? "lots of detail" : m[.detail] >= 0.1 ? "some detail" : "little detail so far"
            let seen = shapes.map { "\($0) and \(detail)" } ?? detail
            let subject = mainShape(m, rng: &rng)
            if hasDescription {
                return rng.pick([
                    "Content is {b}: \(subject.prefix(1).lowercased() + subject.dropFirst()) I see \(seen).",
                    "Content is {b}, with \(seen). \(subject)",
                    "Content is {b}: I see \(seen). \(subject)",
                ])
            }
            return rng.pick([
                "Content is {b}: with no description, I judged it from the picture. \(subject) I see \(seen).",
                "Content is {b}: there is no description, so I judged it from the picture. \(subject) I see \(seen).",
            ])
        }
    }

    /// The main subject in one sentence: where it sits, how much of the page it takes, how clearly it stands out.
    static func mainShape(_ m: Measurements, rng: inout SplitMix64) -> String {
        let look = SubjectLook(m)
        guard look.clarity != .none else { return "There is no main shape yet." }
        // A single phrase is said without a draw, so the critiques that follow from the seed stay as they were.
        let phrases = look.clarity.critiquePhrases
        let clarity = phrases.count == 1 ? phrases[0] : rng.pick(phrases)
        return rng.pick([
            "The main shape, \(look.place), takes up \(look.size) \(page(m)) and \(clarity).",
            "Your main shape, \(look.place), \(clarity) and takes up \(look.size) \(page(m)).",
        ])
    }

    /// Where the marks sit, in a short sentence.
    static func whereMarks(_ m: Measurements, rng: inout SplitMix64) -> String {
        let lr = m[.balanceLeftRight], tb = m[.balanceTopBottom]
        let horizontal = abs(lr) >= abs(tb)
        let lean = horizontal ? lr : tb
        guard abs(lean) > 0.25 else {
            return m[.centreWeight] >= 1.5
                ? rng.pick(["and most of the weight sits in the middle.", "and the eye goes straight to the middle."])
                : rng.pick(["spread evenly.", "and no side feels too heavy.", "in a calm, even way."])
        }
        let side =
            horizontal ? (lean < 0 ? "on the left" : "on the right") : (lean < 0 ? "at the top" : "at the bottom")
        let towards = horizontal ? (lean < 0 ? "to the left" : "to the right") : (lean < 0 ? "upwards" : "downwards")
        return rng.pick(["and most of them are \(side).", "and the picture leans \(towards).", "mostly \(side)."])
    }

    /// Sentences on the total.
    static let totals = [
        "Your total is {t} out of 100, which is {b}.",
        "Altogether that makes {t} out of 100: {b} work.",
        "In all, the piece earns {t} out of 100, which counts as {b}.",
        "The total comes to {t} out of 100, so it is {b} overall.",
    ]

    /// Frames for the closing next step (`{1}` the advice, a full sentence).
    static let stepFrames = ["Next step: {1}", "One thing to try next: {1}", "Next time: {1}", "A good next step: {1}"]

    /// Ways to improve one measurement, each a short sentence; empty when the advice would not be true.
    static func advice(_ measure: Measure, _ m: Measurements) -> [String] {
        let main = colourNames(m)?.split(separator: " ").first.map(String.init)
        switch measure {
        case .colorfulness, .paletteSize, .saturationSpread:
            if m.isMonochrome { return [] }
            return [
                "Mix two new colours and use them in the background too.",
                main.map { "Add one more colour that goes well with the \($0)." }
                    ?? "Add one more colour that goes well with the rest.",
                "Put a few bright colours next to softer, quiet ones.",
            ]
        case .hueEntropy, .warmShare, .mainColour, .secondColour:
            if m.isMonochrome { return [] }
            return m[.warmShare] > 0.5
                ? [
                    "Add a cool blue or green next to the warm parts.",
                    "Try a touch of blue to set off the warm colours.",
                ]
                : [
                    "Add a warm orange or red next to the cool parts.",
                    "Try a touch of orange to set off the cool colours.",
                ]
        case .valueSpread, .contrast:
            return [
                "Make the darkest parts darker, so the main shapes pop.",
                "Press harder in a few places to get deep darks.",
            ]
        case .edgeDensity, .localVariance:
            return ["Add patterns or lines inside the big shapes.", "Build up the surface with dots or small strokes."]
        case .orientationEntropy:
            return ["Let your strokes turn and follow the shape of each thing."]
        case .fineTexture:
            return [
                "Try dots, hatching or soft shading in the flat parts.",
                "Shade one side of each shape to make it look solid.",
            ]
        case .strokeVariety, .strokeWidth:
            return MarkStyle(m).kind == .filled
                ? ["Add some thin lines for edges and small details."]
                : [
                    "Fill a few shapes with colour or shading, not just outlines.",
                    "Mix thin lines with some thick, bold ones.",
                ]
        case .coverage, .spaceUse:
            if m[.coverage] >= 0.6 { return [] }
            return [
                "Carry the picture out to the edges of \(page(m)).",
                "Add a background, so the empty paper becomes a place.",
            ]
        case .balance, .balanceLeftRight, .balanceTopBottom:
            if max(abs(m[.balanceLeftRight]), abs(m[.balanceTopBottom])) <= 0.25 || m[.coverage] < 0.002 { return [] }
            return ["Add something on the \(emptierSide(m)) side to balance the picture."]
        case .thirdsWeight, .centreWeight:
            return [
                "Pick one main thing and make it the biggest or brightest.",
                "Move the main shape a little off the middle to make it lively.",
            ]
        case .detail, .regions:
            return [
                "Add small details inside and around the main shape.",
                "Add one more object that tells us more about the scene.",
            ]
        case .figureGround:
            if m[.subjectSize] == 0 { return [] }
            return [
                "Make the main thing stand out, with a dark outline or a colour the background does not have.",
                "Give the background a different colour or tone from the main shape.",
            ]
        case .subjectSize:
            if m[.subjectSize] >= 0.3 || m[.coverage] < 0.002 { return [] }
            return [
                "Draw the main thing bigger, so it fills more of \(page(m)).", "Make the main shape larger and bolder.",
            ]
        case .subjectX, .subjectY: return []
        case .descriptionWords: return ["Write one more sentence about what is happening in your picture."]
        case .descriptionSpecificity: return ["In your description, name the place, the people or the moment."]
        case .featureDistance, .nearestDistance:
            return [
                "Try a view no one else chose, like from above or very close up.",
                "Change one thing to make it your own, like the setting or the light.",
            ]
        case .elaboration: return ["Add a setting or a story to go past your first idea."]
        case .wordRarity: return ["Give your idea a twist of your own, and tell it in your own words."]
        case .sheet: return []
        }
    }

    static func emptierSide(_ m: Measurements) -> String {
        let lr = m[.balanceLeftRight], tb = m[.balanceTopBottom]
        if abs(lr) >= abs(tb) { return lr < 0 ? "right" : "left" }
        return tb < 0 ? "lower" : "upper"
    }
}
