import Rubric
import Store
import TUI

/// Keeping the critique in step with the scores: when the teacher changes scores, the critique's band words
/// and total follow, unless the teacher has written the critique themselves; then a warning names where text
/// and scores disagree, and `w` rewrites just those words from the scores.
extension ReviewSession {
    /// The critique to save with new scores: the scorer's parts written for the new scores while the
    /// critique is still the scorer's own, else (the teacher edited it) the critique as it is.
    func critique(following newScores: Scores) -> String {
        guard let current else { return "" }
        let text = current.finalCritique
        guard let assessment = current.latestAssessment?.assessment, let old = current.finalScores else { return text }
        if let parts = assessment.critiqueParts, parts.text(for: old) == text { return parts.text(for: newScores) }
        // A scorer's critique without parts (a VLM's), still unedited: correct only its score words.
        if text == assessment.critique { return CritiqueCheck.corrected(text, scores: newScores) }
        return text
    }

    /// Where the current critique disagrees with the final scores, or nil when it agrees.
    public var critiqueWarning: StatusMessage? {
        guard let current, let scores = current.finalScores else { return nil }
        let found = CritiqueCheck.contradictions(current.finalCritique, scores: scores)
        guard let first = found.first else { return nil }
        let more = found.count > 1 ? " (and \(found.count - 1) more)" : ""
        return StatusMessage(
            "critique and scores disagree: \(first)\(more); press w to rewrite from the scores", isError: true)
    }

    /// The message line: the message, with the critique warning after a confirmation (an error wins alone).
    var messageWithWarning: StatusMessage? {
        guard let warning = critiqueWarning, mode == .browsing else { return message }
        guard let message else { return warning }
        return message.isError ? message : StatusMessage("\(message.text) · \(warning.text)", isError: true)
    }

    /// Rewrites the current critique's contradicting band words and totals from the final scores, keeping
    /// every other word; falls back to the scorer's parts when the words cannot be mended in place.
    mutating func rewriteCritiqueFromScores() {
        guard let current, let scores = current.finalScores else {
            message = StatusMessage("nothing to rewrite: the artwork has no scores yet", isError: true)
            return
        }
        let text = current.finalCritique
        var rewritten = CritiqueCheck.corrected(text, scores: scores)
        if !CritiqueCheck.contradictions(rewritten, scores: scores).isEmpty,
            let parts = current.latestAssessment?.assessment.critiqueParts
        {
            rewritten = parts.text(for: scores)
        }
        guard rewritten != text else {
            message = StatusMessage("the critique already agrees with the scores")
            return
        }
        save(scores: scores, critique: rewritten, what: "critique rewritten from the scores")
    }
}
