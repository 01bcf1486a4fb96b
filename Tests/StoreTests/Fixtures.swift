import Foundation
import Rubric
import Store

/// Small builders shared by the Store tests.
enum Fixtures {
    static func hash(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: 64 - hex.count) + hex
    }

    static func artwork(_ n: Int, description: String? = nil, student: String? = nil) -> NewArtwork {
        NewArtwork(
            filePath: "/class/art\(n).png", sha256: hash(n), byteSize: 1000 + Int64(n), width: 640, height: 480,
            title: "Work \(n)", description: description, studentName: student)
    }

    static func assessment(_ values: [Int], critique: String = "Bold colour.") throws -> Assessment {
        Assessment(
            scores: try Scores(values), critique: critique,
            evidence: [Evidence(dimension: .color, measure: "colorfulness", value: 0.5, note: "many hues")],
            scorerID: "builtin", scorerVersion: "1", duration: 0.25)
    }
}
