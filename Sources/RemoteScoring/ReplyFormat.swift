import Foundation
import Rubric

/// How the server is asked for an assessment, and how its reply is read — strictly, since a reply is stored as a
/// teacher-facing grade only when it is exactly what was asked for.
///
/// - ``json``: `response_format: {"type": "json_schema", …}` with the five sub-scores as integers 0–20 and the
///   critique as a bounded string (a model inside a schema otherwise runs to `max_tokens` and the JSON is cut off,
///   measured with vLLM 0.32 and xgrammar 0.2.8). Up to ``patternLimit`` characters the bound is a pattern that
///   also keeps out quotes, backslashes and control characters; xgrammar cannot compile such a pattern above
///   about 128 repetitions (measured: {1,128} compiles in 13 s, {1,200} fails), so longer bounds use `maxLength`
///   (compiled once per server, 29 s for 1,200) and rely on the validation here to refuse control characters.
/// - ``template``: no `response_format`; the model writes the local VLM's template
///   (`Originality: NN/20` … `Content: NN/20`, then `Critique: …`), as a fine-tuned model does by itself.
public enum ReplyFormat: String, Sendable, CaseIterable {
    /// Structured output through a JSON schema (vLLM, llama.cpp's server, OpenAI).
    case json
    /// The plain text template, for servers that honour only a prompt.
    case template

    /// The property names in the order the model writes them: the scores first, as the local VLM decodes them.
    static let keys = Dimension.allCases.map(\.rawValue) + ["critique"]

    /// The JSON schema of a reply whose critique has at most `critiqueLimit` characters.
    public static func schema(critiqueLimit: Int) -> [String: Any] {
        var properties: [String: Any] = [:]
        for dimension in Dimension.allCases {
            properties[dimension.rawValue] = ["type": "integer", "minimum": 0, "maximum": Scores.maximum]
        }
        properties["critique"] =
            critiqueLimit <= patternLimit
            ? ["type": "string", "pattern": critiquePattern(limit: critiqueLimit)]
            : ["type": "string", "minLength": 1, "maxLength": critiqueLimit]
        return [
            "type": "object", "properties": properties, "required": keys, "additionalProperties": false,
        ]
    }

    /// The longest critique bound written as a pattern.
    public static let patternLimit = 128

    /// Printable text without quotes or backslashes, 1…limit characters.
    static func critiquePattern(limit: Int) -> String { "^[^\"\\\\\\u0000-\\u001f]{1,\(limit)}$" }

    /// The template as a regular expression: whole numbers 0–20 without leading zeros, then the critique.
    public static func templatePattern(critiqueLimit: Int) -> String {
        Dimension.allCases.map { "\($0.title): (1?[0-9]|20)/20\n" }.joined() + "Critique: [^\\x00-\\x1f]"
            + (critiqueLimit <= patternLimit ? "{1,\(critiqueLimit)}" : "+")
    }

    /// The reply's assessment parts, or a one-line reason it is not one.
    public func parse(_ content: String, critiqueLimit: Int) throws(RemoteError) -> (scores: Scores, critique: String) {
        switch self {
        case .json: try Self.parseJSON(content, critiqueLimit: critiqueLimit)
        case .template: try Self.parseTemplate(content, critiqueLimit: critiqueLimit)
        }
    }

    /// A JSON object with exactly the six keys: integer scores 0–20 and a critique within the limit.
    static func parseJSON(_ content: String, critiqueLimit: Int) throws(RemoteError) -> (Scores, String) {
        let data = Data(content.utf8)
        guard let object = try? JSONSerialization.jsonObject(with: data), let keyed = object as? [String: Any]
        else { throw .badReply("not a JSON object (\(excerpt(content)))") }
        if let extra = Set(keyed.keys).subtracting(keys).sorted().first {
            throw .badReply("unexpected key '\(extra)'")
        }
        let reply: Reply
        do {
            reply = try JSONDecoder().decode(Reply.self, from: data)
        } catch let field as Reply.BadField {
            throw .badReply(field.reason)
        } catch {
            throw .badReply("not an assessment")
        }
        let values = Dimension.allCases.map { reply.scores[$0.rawValue] ?? -1 }
        return (try scores(values), try checked(reply.critique, limit: critiqueLimit))
    }

    /// A reply as the schema describes it.
    struct Reply: Decodable {
        var scores: [String: Int] = [:]
        var critique: String

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        /// Which field is missing or of the wrong type.
        struct BadField: Error {
            var reason: String
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            func field<T: Decodable>(_ name: String, _ type: T.Type, _ kind: String) throws -> T {
                let key = Key(stringValue: name)
                guard container.contains(key) else { throw BadField(reason: "no \(name)") }
                guard let value = try? container.decode(type, forKey: key) else {
                    throw BadField(reason: "\(name) is not \(kind)")
                }
                return value
            }
            for dimension in Dimension.allCases {
                scores[dimension.rawValue] = try field(dimension.rawValue, Int.self, "a whole number")
            }
            critique = try field("critique", String.self, "text")
        }
    }

    /// `Originality: NN/20` … one line per dimension in rubric order, then `Critique:` and the text, nothing else.
    static func parseTemplate(_ content: String, critiqueLimit: Int) throws(RemoteError) -> (Scores, String) {
        var rest = Substring(content.trimmingCharacters(in: .whitespacesAndNewlines))
        var values: [Int] = []
        for dimension in Dimension.allCases {
            let label = dimension.title + ": "
            guard rest.hasPrefix(label), let slash = rest.firstIndex(of: "/") else {
                throw .badReply("expected '\(dimension.title): NN/20' (\(excerpt(String(rest))))")
            }
            let digits = rest[rest.index(rest.startIndex, offsetBy: label.count)..<slash]
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isASCII), let value = Int(digits),
                digits.count == 1 || digits.first != "0",
                rest[slash...].hasPrefix("/20\n")
            else { throw .badReply("expected '\(dimension.title): NN/20' (\(excerpt(String(rest))))") }
            values.append(value)
            rest = rest[slash...].dropFirst("/20\n".count)
        }
        guard rest.hasPrefix("Critique:") else { throw .badReply("expected 'Critique:' after the scores") }
        let critique = rest.dropFirst("Critique:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        return (try scores(values), try checked(critique, limit: critiqueLimit))
    }

    static func scores(_ values: [Int]) throws(RemoteError) -> Scores {
        do { return try Scores(values) } catch { throw .badReply("\(error)") }
    }

    /// The critique, trimmed, when it is non-empty, within the limit and free of control characters.
    static func checked(_ critique: String, limit: Int) throws(RemoteError) -> String {
        let text = critique.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .badReply("the critique is empty") }
        guard text.count <= limit else { throw .badReply("the critique is longer than \(limit) characters") }
        if let bad = text.unicodeScalars.first(where: {
            $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value)
        }) {
            throw .badReply(
                "the critique holds the control character U+\(String(bad.value, radix: 16, uppercase: true))")
        }
        return text
    }

    /// The start of a reply, printable, for an error line.
    static func excerpt(_ text: String) -> String {
        let clean = String(
            String.UnicodeScalarView(
                text.unicodeScalars.prefix(40).map { $0.value < 0x20 || $0.value == 0x7F ? "·" : $0 }))
        return text.unicodeScalars.count > 40 ? "\"\(clean)…\"" : "\"\(clean)\""
    }
}
