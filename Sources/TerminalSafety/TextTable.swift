import Foundation

/// A plain-text table with columns padded to their widest cell, for command output.
public enum TextTable {
    /// The table as lines: header, a rule, then the rows. Numbers-only columns are right-aligned. Cells are
    /// cleaned (one line each) before they are measured, so the columns line up and stay safe to print.
    public static func render(header: [String], rows rawRows: [[String]]) -> TerminalText {
        let rows = rawRows.map { $0.map { Sanitizer.clean($0) } }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { width(of: $0[column]) }.max() ?? 0 }
        let numeric = header.indices.map { column in
            !rows.isEmpty && rows.allSatisfy { $0[column].allSatisfy(\.isNumber) }
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                let pad = String(repeating: " ", count: widths[column] - width(of: cells[column]))
                return numeric[column] ? pad + cells[column] : cells[column] + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return TerminalText(lines: ([line(header), rule] + rows.map(line)).joined(separator: "\n"))
    }

    /// Terminal columns of a string: East Asian wide characters take two.
    public static func width(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x20000...0x3FFFD:
                sum + 2
            case 0x0300...0x036F, 0x200B...0x200F:
                sum
            default:
                sum + 1
            }
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
