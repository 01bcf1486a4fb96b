import Foundation
import Grading
import TerminalSafety

/// Draws a ``ProgressMeter`` on stderr: redrawn in place on a terminal (at most ten times a second),
/// a single closing line otherwise.
final class ProgressReporter {
    private var meter: ProgressMeter
    private let start = ContinuousClock.now
    private var lastDraw = ContinuousClock.now
    private var done = 0
    private let interactive = isatty(STDERR_FILENO) == 1

    init(label: String, total: Int) {
        meter = ProgressMeter(label: label, total: total)
        draw()
    }

    /// Counts one more item done.
    func advance() { advance(to: done + 1) }

    /// Sets the number of items done so far.
    func advance(to count: Int) {
        done = count
        if interactive && (ContinuousClock.now - lastDraw > .milliseconds(100) || done == meter.total) { draw() }
    }

    /// Writes the final line.
    func finish() {
        if interactive {
            draw()
            Console.error("")
        } else {
            Console.error("\(meter.line(done: done, elapsed: elapsed))")
        }
    }

    /// Seconds since the reporter was made.
    var elapsed: Double { (ContinuousClock.now - start).seconds }

    private func draw() {
        guard interactive else { return }
        lastDraw = ContinuousClock.now
        Console.errorInPlace("\(meter.line(done: done, elapsed: elapsed))")
    }
}
