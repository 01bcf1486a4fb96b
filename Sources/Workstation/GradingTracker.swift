import Foundation
import TUI

/// Turns the worker's events into the header's progress: done/total, rate and time left.
struct GradingTracker {
    var running = true
    var note: String?
    var gradedTimes: [Date] = []
    var failures = 0
    let started = Date()

    /// Applies one event; returns true when the class's data changed (a new assessment).
    mutating func apply(_ event: GradingEvent, session: inout ReviewSession) -> Bool {
        switch event {
        case .measuring(let done, let total):
            note = done < total ? "measuring the class \(done)/\(total)" : nil
            running = true
        case .started(let id):
            session.inProgress.insert(id)
            running = true
        case .graded(let id):
            session.inProgress.remove(id)
            session.failures[id] = nil
            gradedTimes.append(Date())
            return true
        case .failed(let id, let message):
            session.inProgress.remove(id)
            session.failures[id] = message
            failures += 1
            if id == 0 { session.message = StatusMessage("grading stopped: \(message)", isError: true) }
        case .idle:
            running = false
            note = nil
            session.inProgress = []
        }
        return false
    }

    /// The progress for the header, given how many artworks have an assessment.
    func progress(done: Int, total: Int) -> GradingProgress {
        var perMinute: Double?
        var left: Double?
        if let first = gradedTimes.first, gradedTimes.count >= 2 {
            let minutes = max(1e-3, Date().timeIntervalSince(first) / 60)
            let rate = Double(gradedTimes.count - 1) / minutes
            perMinute = rate
            left = Double(max(0, total - done)) / max(rate, 1e-6) * 60
        } else if gradedTimes.count == 1 {
            let minutes = max(1e-3, gradedTimes[0].timeIntervalSince(started) / 60)
            perMinute = 1 / minutes
            left = Double(max(0, total - done)) * minutes * 60
        }
        return GradingProgress(
            done: done, total: total, perMinute: perMinute, secondsLeft: left, failed: failures,
            running: running && done < total || running && note != nil, note: note)
    }
}
