import Foundation
import Grading

/// Draws a ``ProgressMeter`` on stderr: redrawn in place on a terminal (at most ten times a second),
/// a single closing line otherwise.
final class ProgressReporter {
    private var meter: ProgressMeter
    private let start = ContinuousClock.now
    private var lastDraw = ContinuousClock.now
    private var done = 0
    private var note: String?
    private let interactive = isatty(STDERR_FILENO) == 1

    init(label: String, total: Int) {
        meter = ProgressMeter(label: label, total: total)
        draw()
    }

    /// Counts one more item done; `note` (say the server's throughput) follows the bar until replaced.
    func advance(note: String? = nil) {
        done += 1
        if let note { self.note = note }
        if interactive && (ContinuousClock.now - lastDraw > .milliseconds(100) || done == meter.total) { draw() }
    }

    /// Writes the final line.
    func finish() {
        if interactive {
            draw()
            FileHandle.standardError.write(Data("\n".utf8))
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    /// Seconds since the reporter was made.
    var elapsed: Double { (ContinuousClock.now - start).seconds }

    private func draw() {
        guard interactive else { return }
        lastDraw = ContinuousClock.now
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
    }

    private var line: String { meter.line(done: done, elapsed: elapsed) + (note.map { "  \($0)" } ?? "") }
}
