import Foundation
import RemoteScoring
import Rubric
import Testing

@Suite struct ReplyFormatTests {
    @Test("a JSON reply with five whole numbers 0–20 and a critique parses")
    func validJSON() throws {
        let reply = #"{"originality":12,"color":0,"texture":20,"composition":7,"content":15,"critique":"Bold colour."}"#
        let parsed = try ReplyFormat.json.parse(reply, critiqueLimit: 100)
        #expect(parsed.scores.values == [12, 0, 20, 7, 15])
        #expect(parsed.critique == "Bold colour.")
    }

    @Test(
        "JSON replies that break the schema are refused with one line",
        arguments: [
            (#"{"originality":21,"color":0,"texture":20,"composition":7,"content":15,"critique":"x"}"#, "0–20"),
            (#"{"originality":-1,"color":0,"texture":20,"composition":7,"content":15,"critique":"x"}"#, "0–20"),
            (#"{"originality":1.5,"color":0,"texture":20,"composition":7,"content":15,"critique":"x"}"#, "originality"),
            (
                #"{"originality":"12","color":0,"texture":20,"composition":7,"content":15,"critique":"x"}"#,
                "originality"
            ),
            (
                #"{"originality":true,"color":0,"texture":20,"composition":7,"content":15,"critique":"x"}"#,
                "originality"
            ),
            (#"{"color":0,"texture":20,"composition":7,"content":15,"critique":"x"}"#, "originality"),
            (#"{"originality":1,"color":0,"texture":20,"composition":7,"content":15}"#, "critique"),
            (#"{"originality":1,"color":0,"texture":20,"composition":7,"content":15,"critique":"  "}"#, "empty"),
            (#"{"originality":1,"color":0,"texture":20,"composition":7,"content":15,"critique":"a\u001bb"}"#, "U+1B"),
            (
                #"{"originality":1,"color":0,"texture":20,"composition":7,"content":15,"critique":"x","total":43}"#,
                "total"
            ),
            (
                #"{"originality":1,"color":0,"texture":20,"composition":7,"content":15,"critique":"xxxxxxxxxxx"}"#,
                "longer"
            ),
            (#"{"originality":1,"color":0,"tex"#, "not a JSON object"),
            (#"[1,2,3]"#, "not a JSON object"),
            ("Originality: 12/20", "not a JSON object"),
        ])
    func schemaBreaking(reply: String, reason: String) {
        #expect {
            _ = try ReplyFormat.json.parse(reply, critiqueLimit: 10)
        } throws: { error in
            let line = "\(error)"
            return line.contains(reason) && !line.contains("\n") && line.hasPrefix("the server's reply")
        }
    }

    @Test("the template parses strictly: labels in order, whole numbers without leading zeros, then the critique")
    func template() throws {
        let text = "Originality: 12/20\nColor: 0/20\nTexture: 20/20\nComposition: 7/20\nContent: 15/20\nCritique: Good."
        let parsed = try ReplyFormat.template.parse(text, critiqueLimit: 100)
        #expect(parsed.scores.values == [12, 0, 20, 7, 15])
        #expect(parsed.critique == "Good.")
        for bad in [
            text.replacingOccurrences(of: "12/20", with: "21/20"),
            text.replacingOccurrences(of: "12/20", with: "012/20"),
            text.replacingOccurrences(of: "7/20", with: "07/20"),
            text.replacingOccurrences(of: "Color", with: "Colour"),
            text.replacingOccurrences(of: "Critique: Good.", with: "Critique: "),
            text.replacingOccurrences(of: "Texture: 20/20\n", with: ""),
            text.replacingOccurrences(of: "0/20", with: "0/10"),
        ] {
            #expect(throws: RemoteError.self) { try ReplyFormat.template.parse(bad, critiqueLimit: 100) }
        }
    }

    @Test("the template's regular expression matches what the template parser accepts")
    func templatePattern() throws {
        let pattern = try Regex(ReplyFormat.templatePattern(critiqueLimit: 20))
        let text = "Originality: 12/20\nColor: 0/20\nTexture: 20/20\nComposition: 7/20\nContent: 15/20\nCritique: Good."
        #expect(text.wholeMatch(of: pattern) != nil)
        #expect(text.replacingOccurrences(of: "12/20", with: "21/20").wholeMatch(of: pattern) == nil)
        #expect(text.replacingOccurrences(of: "7/20", with: "07/20").wholeMatch(of: pattern) == nil)
    }

    @Test("the schema names the five dimensions and the critique, all required, nothing else allowed")
    func schema() throws {
        let schema = ReplyFormat.schema(critiqueLimit: 100)
        let data = try JSONSerialization.data(withJSONObject: schema, options: [.sortedKeys])
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""additionalProperties":false"#))
        #expect((schema["required"] as? [String]) == Dimension.allCases.map(\.rawValue) + ["critique"])
        #expect(text.contains("{1,100}"))
        let long = try JSONSerialization.data(withJSONObject: ReplyFormat.schema(critiqueLimit: 1200))
        #expect(String(decoding: long, as: UTF8.self).contains(#""maxLength":1200"#))
        let pattern = try Regex(#"^[^"\\\u{0}-\u{1f}]{1,100}$"#)
        #expect("A calm blue sea.".wholeMatch(of: pattern) != nil)
    }
}
