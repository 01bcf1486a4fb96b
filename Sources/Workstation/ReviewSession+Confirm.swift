import Foundation
import Store
import TUI

/// What a confirmation prompt in the review stands guard over.
public enum GuardedAction: Sendable, Hashable {
    /// `a` on an artwork the teacher edited: the scorer's scores and critique would replace theirs.
    case acceptOverEdit(artworkID: Int64)
    /// Esc in the critique editor with text not saved yet.
    case leaveCritique
    /// `x`: remove (hide) the artwork from the class, recoverably.
    case removeArtwork(ReviewBase)
    /// Esc in the score editor with typed scores not saved yet.
    case leaveScores
}

/// A prompt on screen and the action it guards.
public struct PendingConfirmation: Sendable, Hashable {
    /// The question and its answers.
    public var prompt: ConfirmationPrompt
    /// What the answer decides.
    public var action: GuardedAction

    /// Creates a pending confirmation.
    public init(prompt: ConfirmationPrompt, action: GuardedAction) {
        self.prompt = prompt
        self.action = action
    }
}

extension ReviewSession {
    /// `a`: accepts at once, unless the teacher edited this artwork; then asks first.
    mutating func requestAccept() {
        guard let current else { return }
        guard current.status == .edited, current.latestAssessment != nil, let mine = current.review else {
            accept()
            return
        }
        let theirs = current.latestAssessment?.assessment.total ?? 0
        confirmation = PendingConfirmation(
            prompt: .yesNo(
                "Replace your edit (total \(mine.scores.total)) by the scorer's (\(theirs))?", yes: "replace",
                no: "keep mine"),
            action: .acceptOverEdit(artworkID: current.artwork.id))
    }

    /// Esc in the critique editor: closes it when nothing changed, else asks save / discard / keep editing.
    mutating func requestLeaveCritique(_ editor: TextEditor) {
        guard hasUnsavedCritique(editor) else {
            mode = .browsing
            message = StatusMessage("critique edit closed; nothing changed")
            return
        }
        confirmation = PendingConfirmation(
            prompt: ConfirmationPrompt(
                question: "The critique has unsaved changes.",
                choices: [.init("s", "save"), .init("d", "discard"), .init("k", "keep editing")], safeChoice: "k"),
            action: .leaveCritique)
    }

    /// Esc in the score editor: closes it when nothing changed, else asks save / discard / keep editing.
    mutating func requestLeaveScores(_ editor: ScoreEditor) {
        guard editor.fields != ScoreEditor(scores: current?.finalScores).fields else {
            mode = .browsing
            message = StatusMessage("score edit closed; nothing changed")
            return
        }
        confirmation = PendingConfirmation(
            prompt: ConfirmationPrompt(
                question: "The scores have unsaved changes.",
                choices: [.init("s", "save"), .init("d", "discard"), .init("k", "keep editing")], safeChoice: "k"),
            action: .leaveScores)
    }

    /// True when the editor holds text other than the critique it opened with.
    func hasUnsavedCritique(_ editor: TextEditor) -> Bool {
        editor.text != TextEditor(text: current?.finalCritique ?? "").text
    }

    /// Hands a key to the waiting prompt; acts when it picks an answer.
    mutating func answerConfirmation(_ key: Key) -> SessionEffect {
        guard let pending = confirmation else { return .none }
        if key == .resize || key == .control("l") { return .redraw }
        guard let answer = pending.prompt.answer(to: key) else { return .none }
        confirmation = nil
        switch pending.action {
        case .acceptOverEdit(let artworkID):
            if answer == "y", current?.artwork.id == artworkID {
                accept()
            } else {
                message = StatusMessage("kept your review; nothing changed")
            }
        case .removeArtwork(let base):
            return answerRemoval(base, remove: answer == "y")
        case .leaveCritique:
            guard case .editingCritique(let editor) = mode else { return .none }
            switch answer {
            case "s":
                saveCritique(editor.text)
                if message?.isError == false { mode = .browsing }
            case "d":
                mode = .browsing
                message = StatusMessage("critique changes discarded; the saved critique stands")
            default:
                break
            }
        case .leaveScores:
            guard case .editingScores(let editor) = mode else { return .none }
            switch answer {
            case "s":
                guard let scores = editor.scores else {
                    message = StatusMessage("every score needs a value 0–20 before saving", isError: true)
                    return .none
                }
                save(scores: scores, critique: current?.finalCritique ?? "", what: "scores")
                if message?.isError == false { mode = .browsing }
            case "d":
                mode = .browsing
                message = StatusMessage("score changes discarded; the saved scores stand")
            default:
                break
            }
        }
        return .none
    }
}
