import Foundation
import Rubric

/// The rubric as a prompt, shared by the VLM scorer and the training export so
/// that a model is fine-tuned on exactly what it is later asked.
public enum RubricPrompt {
    /// The system prompt: the five dimensions, the bands and the critique's shape.
    public static var system: String {
        let dimensions = Rubric.Dimension.allCases.map { "- \($0.title) (0–20): \($0.summary)." }.joined(
            separator: "\n")
        let bands = Band.allCases.reversed().map {
            "\($0.subScoreRange.lowerBound)–\($0.subScoreRange.upperBound) \($0.word)"
        }.joined(separator: ", ")
        return """
            You are an experienced art teacher grading a student's artwork with a five-part creativity rubric. \
            Each dimension is scored 0–20 and the total is their sum (0–100).
            \(dimensions)
            Bands for each dimension: \(bands).
            Write a critique of 60–150 words about the work: open with a strength, give one or two sentences per \
            dimension naming something visible in the work and using the band word that matches its score, and end \
            with one concrete next step. Never invent what is not in the picture or the description, and never \
            comment on the student rather than the work.
            """
    }

    /// The user turn: the image placeholder and the artist's description.
    public static func user(description: String) -> String {
        let text = description.trimmingCharacters(in: .whitespacesAndNewlines)
        return "<image>The artist's description: \(text.isEmpty ? "(none given)" : text)\n"
            + "Grade this artwork with the rubric and write the critique."
    }
}
