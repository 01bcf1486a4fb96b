/// A one-line progress bar: `grading  12/30 [########------------]  4.1/s  1.2 s left`.
public struct ProgressMeter: Sendable {
    /// What is being done ("measuring", "grading").
    public var label: String
    /// How many items there are in all.
    public var total: Int
    /// The bar's width in characters.
    public var width = 24

    /// Creates a meter.
    public init(label: String, total: Int) {
        self.label = label
        self.total = total
    }

    /// The line for `done` items after `elapsed` seconds.
    public func line(done: Int, elapsed: Double) -> String {
        let fraction = total > 0 ? Double(min(done, total)) / Double(total) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var text = "\(label) \(done)/\(total) [\(bar)]"
        if done > 0 && elapsed > 0 {
            text += "  \(Self.format(rate))/s"
            text += done < total ? "  \(Self.duration(Double(total - done) / rate)) left" : "  done"
        }
        return text
    }

    /// A rate with one decimal below 100.
    static func format(_ v: Double) -> String {
        v >= 100 ? String(Int(v.rounded())) : String((v * 10).rounded() / 10)
    }

    /// Seconds as `4.2 s`, `3 min 5 s` or `2 h 10 min`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        if seconds < 60 { return "\((seconds * 10).rounded() / 10) s" }
        let s = Int(seconds.rounded())
        if s < 3600 { return "\(s / 60) min \(s % 60) s" }
        return "\(s / 3600) h \((s % 3600) / 60) min"
    }
}
