import Foundation
import Rubric

/// Charts drawn as inline SVG: no scripts, no fonts fetched, sharp when printed. Each bar carries its number in a
/// `data-` attribute as well as in the text beside it, so a test can read back exactly what was drawn.
public enum SVGChart {
    static let ink = "#1f3a5f"
    static let grid = "#c8cdd3"

    /// The distribution of totals: one bar per ten-point bin, its count above it.
    public static func histogram(_ counts: [Int], labels: [String] = ClassStatistics.binLabels) -> String {
        let width = 420.0, height = 170.0, left = 28.0, bottom = 30.0, top = 14.0
        let most = max(1, counts.max() ?? 1)
        let step = (width - left) / Double(max(1, counts.count))
        var svg = open(
            width, height,
            "Histogram of final totals: "
                + zip(labels, counts).map { "\($0) \($1)" }
                .joined(separator: ", "))
        let base = height - bottom
        svg += line(left, base, width, base, grid)
        for (i, count) in counts.enumerated() {
            let h = (base - top) * Double(count) / Double(most)
            let x = left + Double(i) * step + 3
            svg += "<rect class=\"bin\" data-bin=\"\(labels[i])\" data-count=\"\(count)\" x=\"\(f(x))\" "
            svg += "y=\"\(f(base - h))\" width=\"\(f(step - 6))\" height=\"\(f(h))\" fill=\"\(ink)\"/>\n"
            if count > 0 { svg += text(x + (step - 6) / 2, base - h - 3, "\(count)", anchor: "middle", size: 10) }
            svg += text(x + (step - 6) / 2, base + 12, labels[i], anchor: "middle", size: 8)
        }
        svg += text(left - 4, top + 4, "\(most)", anchor: "end", size: 8)
        svg += text(left - 4, base, "0", anchor: "end", size: 8)
        svg += text((width + left) / 2, height - 2, "total (0–100)", anchor: "middle", size: 9)
        return svg + "</svg>\n"
    }

    /// The class mean of each dimension, as horizontal bars on a 0–20 scale.
    public static func dimensionMeans(_ means: [Rubric.Dimension: Double]) -> String {
        let width = 420.0, row = 26.0, left = 92.0, right = 40.0
        let height = row * Double(Rubric.Dimension.allCases.count) + 8
        let label = Rubric.Dimension.allCases.map { "\($0.title) \(means[$0].map(mean) ?? "–")" }.joined(
            separator: ", ")
        var svg = open(width, height, "Class mean per dimension (0–20): " + label)
        let span = width - left - right
        for (i, dimension) in Rubric.Dimension.allCases.enumerated() {
            let y = 4 + Double(i) * row
            let value = means[dimension] ?? 0
            svg += text(left - 6, y + row / 2 + 3, dimension.title, anchor: "end", size: 10)
            svg += "<rect x=\"\(f(left))\" y=\"\(f(y + 5))\" width=\"\(f(span))\" height=\"\(f(row - 10))\" "
            svg += "fill=\"none\" stroke=\"\(grid)\"/>\n"
            svg +=
                "<rect class=\"mean\" data-dimension=\"\(dimension.rawValue)\" data-mean=\"\(means[dimension].map(mean) ?? "")\" "
            svg += "x=\"\(f(left))\" y=\"\(f(y + 5))\" width=\"\(f(span * value / 20))\" height=\"\(f(row - 10))\" "
            svg += "fill=\"\(ink)\"/>\n"
            svg += text(
                width - right + 4, y + row / 2 + 3, means[dimension].map(mean) ?? "–", anchor: "start", size: 10)
        }
        return svg + "</svg>\n"
    }

    /// A small five-bar profile of one artwork's scores (0–20 each), initials underneath.
    public static func profile(_ scores: Scores) -> String {
        let width = 120.0, height = 64.0, bottom = 12.0, barWidth = 16.0, gap = 8.0
        let label = Rubric.Dimension.allCases.map { "\($0.title) \(scores[$0])" }.joined(separator: ", ")
        var svg = open(width, height, "Profile: " + label, cssClass: "profile")
        let base = height - bottom
        svg += line(0, base, width, base, grid)
        for (i, dimension) in Rubric.Dimension.allCases.enumerated() {
            let x = 4 + Double(i) * (barWidth + gap)
            let h = (base - 10) * Double(scores[dimension]) / 20
            svg += "<rect x=\"\(f(x))\" y=\"\(f(10))\" width=\"\(f(barWidth))\" height=\"\(f(base - 10))\" "
            svg += "fill=\"none\" stroke=\"\(grid)\"/>\n"
            svg += "<rect data-dimension=\"\(dimension.rawValue)\" data-score=\"\(scores[dimension])\" x=\"\(f(x))\" "
            svg += "y=\"\(f(base - h))\" width=\"\(f(barWidth))\" height=\"\(f(h))\" fill=\"\(ink)\"/>\n"
            svg += text(x + barWidth / 2, 8, "\(scores[dimension])", anchor: "middle", size: 7)
            svg += text(x + barWidth / 2, height - 2, abbreviation(dimension), anchor: "middle", size: 7)
        }
        return svg + "</svg>\n"
    }

    /// Totals over time: one point per artwork, oldest first, joined by a line, each labelled.
    public static func overTime(_ points: [(label: String, total: Int)]) -> String {
        let width = 420.0, height = 150.0, left = 28.0, right = 16.0, top = 12.0, bottom = 34.0
        var svg = open(
            width, height, "Totals over time: " + points.map { "\($0.label) \($0.total)" }.joined(separator: ", "))
        let base = height - bottom
        svg += line(left, base, width - right, base, grid)
        svg += line(left, top, width - right, top, grid)
        svg += text(left - 4, top + 3, "100", anchor: "end", size: 8)
        svg += text(left - 4, base, "0", anchor: "end", size: 8)
        let step = points.count > 1 ? (width - left - right - 40) / Double(points.count - 1) : 0
        let xy = points.enumerated().map { i, p in
            (left + 20 + Double(i) * step, base - (base - top) * Double(p.total) / 100)
        }
        if xy.count > 1 {
            svg += "<polyline fill=\"none\" stroke=\"\(ink)\" stroke-width=\"1.5\" points=\""
            svg += xy.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ") + "\"/>\n"
        }
        for (i, (x, y)) in xy.enumerated() {
            svg +=
                "<circle data-total=\"\(points[i].total)\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3.5\" fill=\"\(ink)\"/>\n"
            svg += text(x, y - 7, "\(points[i].total)", anchor: "middle", size: 9)
            svg += text(x, base + 13, points[i].label, anchor: "middle", size: 8)
        }
        return svg + "</svg>\n"
    }

    /// A dimension's two-letter label under a profile bar (Or, Cl, Tx, Cm, Ct: "Co" would be three of them).
    static func abbreviation(_ dimension: Rubric.Dimension) -> String {
        switch dimension {
        case .originality: "Or"
        case .color: "Cl"
        case .texture: "Tx"
        case .composition: "Cm"
        case .content: "Ct"
        }
    }

    /// A mean as the report prints it: one decimal.
    public static func mean(_ value: Double) -> String { String(format: "%.1f", value) }

    // MARK: - Pieces

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func open(_ width: Double, _ height: Double, _ label: String, cssClass: String = "chart") -> String {
        "<svg class=\"\(cssClass)\" viewBox=\"0 0 \(f(width)) \(f(height))\" "
            + "width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(PrintableReport.escape(label))\">\n"
            + "<title>\(PrintableReport.escape(label))</title>\n"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: String) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(color)\"/>\n"
    }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String, size: Int) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\">"
            + PrintableReport.escape(content) + "</text>\n"
    }
}
