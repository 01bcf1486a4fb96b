import Foundation
import Rubric
import Testing

@Suite struct RubricTests {
    @Test("Sub-score bands follow the rubric's table at every boundary")
    func subScoreBands() {
        let expected: [(Int, Band)] = [
            (0, .beginning), (4, .beginning), (5, .developing), (8, .developing), (9, .competent),
            (12, .competent), (13, .strong), (16, .strong), (17, .exceptional), (20, .exceptional),
        ]
        for (score, band) in expected { #expect(Band(subScore: score) == band, "score \(score)") }
        for band in Band.allCases {
            for score in band.subScoreRange { #expect(Band(subScore: score) == band) }
        }
    }

    @Test("Total bands follow the rubric's table at every boundary")
    func totalBands() {
        let expected: [(Int, Band)] = [
            (0, .beginning), (24, .beginning), (25, .developing), (44, .developing), (45, .competent),
            (64, .competent), (65, .strong), (84, .strong), (85, .exceptional), (100, .exceptional),
        ]
        for (total, band) in expected { #expect(Band(total: total) == band, "total \(total)") }
    }

    @Test("The total is the sum of the sub-scores")
    func totalIsSum() throws {
        let scores = try Scores([3, 20, 0, 12, 9])
        #expect(scores.total == 44)
        #expect(scores.totalBand == .developing)
        #expect(scores.values == [3, 20, 0, 12, 9])
        #expect(scores[.color] == 20)
    }

    @Test("Out-of-range sub-scores are refused, naming the dimension")
    func outOfRange() {
        #expect(throws: RubricError.scoreOutOfRange(.texture, 21)) { try Scores([1, 2, 21, 3, 4]) }
        #expect(throws: RubricError.scoreOutOfRange(.originality, -1)) { try Scores([-1, 2, 2, 3, 4]) }
        #expect(throws: RubricError.wrongCount(4)) { try Scores([1, 2, 3, 4]) }
        #expect(RubricError.scoreOutOfRange(.texture, 21).description == "Texture score 21 is outside 0–20")
    }

    @Test("Clamping rounds real predictions into 0–20 and treats NaN as 0")
    func clamping() {
        let scores = Scores(clamping: [-3, 20.6, 12.5, .nan, 7.4])
        #expect(scores.values == [0, 20, 13, 0, 7])
    }

    @Test("Decoding refuses out-of-range scores")
    func decoding() throws {
        let good = #"{"originality":1,"color":2,"texture":3,"composition":4,"content":5}"#
        #expect(try JSONDecoder().decode(Scores.self, from: Data(good.utf8)).total == 15)
        let bad = #"{"originality":1,"color":2,"texture":30,"composition":4,"content":5}"#
        #expect(throws: RubricError.self) { try JSONDecoder().decode(Scores.self, from: Data(bad.utf8)) }
    }
}
