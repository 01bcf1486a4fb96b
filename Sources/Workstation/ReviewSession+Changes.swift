import Foundation
import Rubric
import Store
import TUI

extension ReviewSession {
    /// Accepts the scorer's scores and critique as the teacher's.
    mutating func accept() {
        guard let current else { return }
        guard current.latestAssessment != nil else {
            message = StatusMessage(
                "not graded yet: there is nothing to accept; press e to score it yourself", isError: true)
            return
        }
        let store = store
        commit("accepted \(name(current)): total \(current.latestAssessment?.assessment.total ?? 0)") {
            try store.accept(current.base)
        }
    }

    /// Saves the teacher's scores with a critique.
    mutating func save(scores: Scores, critique: String, what: String) {
        guard let current else { return }
        let store = store
        commit("saved \(what) for \(name(current)): total \(scores.total)") {
            try store.saveReview(current.base, scores: scores, critique: critique)
        }
    }

    /// Saves a new critique with the scores on screen.
    public mutating func saveCritique(_ text: String) {
        guard let current else { return }
        guard let scores = current.finalScores else {
            message = StatusMessage("score the artwork first (e): a review needs scores and a critique", isError: true)
            return
        }
        save(scores: scores, critique: text, what: "critique")
    }

    /// Undoes the last change to the current artwork.
    mutating func undo() {
        guard let current else { return }
        do {
            let restored = try store.undoLastChange(current.base)
            try reload()
            message = StatusMessage(
                "undone for \(name(current)): "
                    + (restored.map { "back to \($0.status.rawValue), total \($0.scores.total)" }
                        ?? "back to unreviewed"))
        } catch StoreError.stale(let id) {
            showStale(id, attempted: "undone")
        } catch StoreError.nothingToUndo {
            message = StatusMessage("nothing to undo for \(name(current))", isError: true)
        } catch {
            message = StatusMessage("\(error)", isError: true)
        }
    }

    /// Runs a database change; only after it committed does the message confirm it.
    mutating func commit(_ confirmation: String, _ change: () throws -> Review) {
        do {
            _ = try change()
            try reload()
            message = StatusMessage(confirmation)
        } catch StoreError.stale(let id) {
            showStale(id, attempted: "saved")
        } catch {
            message = StatusMessage("not saved: \(error)", isError: true)
        }
    }

    /// The screen model for the current state.
    public var screenModel: ReviewScreenModel {
        ReviewScreenModel(
            className: classRecord.name, position: (position ?? -1) + 1, count: visible.count,
            reviewed: reviewedCount, classSize: results.count, scorerName: scorerName, grading: grading,
            filter: filter.description, item: current.map(item), mode: mode, message: messageWithWarning,
            critiqueScroll: critiqueScroll, graphics: graphics, pictureNote: pictureNote, prompt: confirmation?.prompt)
    }

    func item(_ result: ArtworkResult) -> ArtworkItem {
        let artwork = result.artwork
        let assessment = result.latestAssessment?.assessment
        let grade: GradeState =
            if assessment != nil { .graded } else if inProgress.contains(artwork.id) {
                .grading
            } else if let failure =
                failures[artwork.id]
            { .failed(failure) } else if grading?.running == true {
                .notGraded("waiting for the scorer (\(scorerName))")
            } else { .notGraded("no assessment yet, and no scorer is running; grade the class with easel grade") }
        let kind = (artwork.fileName as NSString).pathExtension.uppercased()
        let facts = [
            artwork.fileName, "\(kind.isEmpty ? "image" : kind) \(artwork.width)×\(artwork.height)",
            ByteCountFormatter.string(fromByteCount: artwork.byteSize, countStyle: .file),
            "sha256 \(artwork.sha256.prefix(12))…",
        ]
        let status: ReviewState =
            switch result.status {
            case .unreviewed: .unreviewed
            case .accepted: .accepted
            case .edited: .edited
            }
        return ArtworkItem(
            student: result.studentName ?? "(no student)", title: artwork.title, description: artwork.description,
            facts: facts, grade: grade, modelScores: assessment?.scores, modelCritique: assessment?.critique,
            scorerLabel: assessment.map { "\($0.scorerID) \($0.scorerVersion)" } ?? "",
            teacherScores: result.review?.scores, teacherCritique: result.review?.critique, status: status)
    }
}
