import Foundation
import Rubric

/// Checks that what the built-in scorer says about one artwork is true of its
/// measurements and does not contradict itself: the evidence notes and the
/// critique against the numbers, and the critique's band words against the scores.
public enum EvidenceCheck {
    /// Words that speak about colour beyond its absence; none may appear for a work without colour.
    static let colourTalk = [
        "warm", "cool", "hue", "hues", "palette", "bright", "red", "orange", "yellow", "green", "blue", "purple",
        "pink", "brown",
    ]

    /// Every problem found, one line each; empty when everything said is true and consistent.
    public static func problems(_ m: Measurements, evidence: [Evidence], critique: String, scores: Scores) -> [String] {
        var out: [String] = []
        let notes = Dictionary(evidence.map { ($0.measure, $0.note) }, uniquingKeysWith: { a, _ in a })
        let text = critique.lowercased()
        let words = Set(CritiqueCheck.words(critique))
        func note(_ measure: Measure) -> String { notes[measure.rawValue] ?? "" }

        for c in CritiqueCheck.contradictions(critique, scores: scores) { out.append("critique: \(c)") }
        if m.isMonochrome {
            let said = colourTalk.filter { words.contains($0) }
            if !said.isEmpty { out.append("colour words \(said) in a critique of a work without colour") }
            if !note(.warmShare).hasPrefix("no colour") {
                out.append("temperature noted without colour: \(note(.warmShare))")
            }
        } else {
            let warmNote = note(.warmShare)
            if warmNote.contains("no colour") { out.append("'no colour' noted for a coloured work") }
            if m[.warmShare] >= 0.7 && !warmNote.contains("mostly warm") {
                out.append("warm share \(m[.warmShare]) noted as '\(warmNote)'")
            }
            if m[.warmShare] <= 0.3 && !warmNote.contains("mostly cool") {
                out.append("warm share \(m[.warmShare]) noted as '\(warmNote)'")
            }
            let saysCool = ["feel cool", "feels cool", "colours are mostly cool"].contains(where: text.contains)
            if saysCool && m[.warmShare] > 0.3 {
                out.append("'cool' with warm share \(m[.warmShare])")
            }
            let saysWarm = ["feel warm", "feels warm", "colours are mostly warm"].contains(where: text.contains)
            if saysWarm && m[.warmShare] < 0.7 {
                out.append("'warm' with warm share \(m[.warmShare])")
            }
        }
        let pct = Int((m[.coverage] * 100).rounded())
        if !note(.coverage).contains("\(pct)%") { out.append("coverage \(pct)% noted as '\(note(.coverage))'") }
        if let quoted = number(before: "% of", in: text), quoted != pct {
            out.append("critique says \(quoted)% covered, measured \(pct)%")
        }
        if text.contains("nearly all of") && m[.coverage] < 0.9 { out.append("'nearly all' for coverage \(pct)%") }
        if text.contains("only a little of") && m[.coverage] >= 0.03 {
            out.append("'only a little' for coverage \(pct)%")
        }
        if (text.contains("whole of the") || text.contains("edge to edge")) && m[.coverage] < 0.5 {
            out.append("'whole page' for coverage \(pct)%")
        }
        if (text.contains("empty paper") || text.contains("out to the edges")) && m[.coverage] >= 0.6 {
            out.append("'empty' advice for coverage \(pct)%")
        }
        let sheetWords = evidence.filter { $0.measure != Measure.sheet.rawValue && $0.note.contains("sheet") }
        if m[.sheet] == 0 && (!sheetWords.isEmpty || text.contains("sheet")) {
            out.append("'sheet' said when no sheet was found")
        }
        if m[.sheet] > 0
            && evidence.contains(where: { $0.note.contains("of the photo") && $0.measure != Measure.sheet.rawValue })
        {
            out.append("'of the photo' said when the sheet was measured")
        }
        let lr = m[.balanceLeftRight], tb = m[.balanceTopBottom]
        let lean = abs(lr) >= abs(tb) ? lr : tb
        for (phrase, sign) in [
            ("on the left", -1.0), ("on the right", 1.0), ("at the top", -1.0), ("at the bottom", 1.0),
            ("leans to the left", -1.0), ("leans to the right", 1.0), ("leans upwards", -1.0), ("leans downwards", 1.0),
        ]
        where text.contains(phrase) {
            let horizontal = phrase.hasSuffix("left") || phrase.hasSuffix("right")
            if horizontal != (abs(lr) >= abs(tb)) || lean * sign <= 0.25 {
                out.append("'\(phrase)' with balance \(lr), \(tb)")
            }
        }
        if m[.descriptionWords] == 0 && (text.contains("your description") || text.contains("write one more sentence"))
        {
            out.append("description advice without a description")
        }
        out += subjectProblems(m, text: text)
        if (m.classSize ?? 0) >= OriginalityMeasurer.minimumPeers && text.contains("too few other pieces") {
            out.append("'too few other pieces' in a class of \(m.classSize ?? 0)")
        }
        return out
    }

    /// What the critique says about the main subject against its measurements: where it sits, how much of the
    /// page it takes, how clearly it stands out.
    static func subjectProblems(_ m: Measurements, text: String) -> [String] {
        let look = SubjectLook(m)
        var out: [String] = []
        for p in SubjectLook.places where text.contains("main shape, \(p),") && p != look.place {
            out.append("subject said to be '\(p)', measured \(look.place) (\(m[.subjectX]), \(m[.subjectY]))")
        }
        for s in SubjectLook.sizes where text.contains("takes up \(s)") && s != look.size {
            out.append("subject said to take up '\(s)', measured \(m[.subjectSize])")
        }
        for c in SubjectLook.Clarity.allCases where c != look.clarity {
            for phrase in c.critiquePhrases where text.contains(phrase) {
                out.append("'\(phrase)' with figure–ground \(m[.figureGround]), subject \(m[.subjectSize])")
            }
        }
        return out
    }

    /// The whole number right before `marker` in `text` ("about 54% of" → 54).
    static func number(before marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        let digits = text[..<range.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }
}
