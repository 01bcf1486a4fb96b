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

@Suite struct CritiqueCheckTests {
    /// Sub-scores with a total of 51.
    static func scores() throws -> Scores {
        try Scores(originality: 10, color: 6, texture: 14, composition: 18, content: 3)
    }

    @Test("band words and totals that contradict the scores are found, sentence by sentence")
    func findsContradictions() throws {
        let text =
            "A fine start. Colour is strong: bright reds. Texture is strong. Overall it scores 65 of 100, which counts as strong."
        let found = CritiqueCheck.contradictions(text, scores: try Self.scores())
        #expect(found.map(\.about) == ["color", "total", "total"])
        #expect(found.contains { $0.says == "65 of 100" && $0.should == "51 of 100" })
        #expect(found.contains { $0.about == "color" && $0.should == "developing" })
        #expect(
            CritiqueCheck.contradictions("Composition is exceptional, content is beginning.", scores: try Self.scores())
                .isEmpty)
    }

    @Test("corrected mends only the contradicting words and keeps the rest")
    func corrects() throws {
        let text =
            "Lovely! Colour is strong: bright reds. Altogether that makes 65 out of 100: strong work. Keep going."
        let fixed = CritiqueCheck.corrected(text, scores: try Self.scores())
        #expect(
            fixed
                == "Lovely! Colour is developing: bright reds. Altogether that makes 51 out of 100: competent work. Keep going."
        )
        #expect(CritiqueCheck.contradictions(fixed, scores: try Self.scores()).isEmpty)
    }

    @Test("critique parts fill their band words and total from whatever scores they are given")
    func partsFollowScores() throws {
        let parts = CritiqueParts([
            .init(kind: .opening, template: "Bold reds."), .init(kind: .dimension(.color), template: "Colour is {b}."),
            .init(kind: .total, template: "{t} out of 100, {b}."),
        ])
        #expect(parts.text(for: try Self.scores()) == "Bold reds. Colour is developing. 51 out of 100, competent.")
        var other = try Self.scores()
        other.color = 17
        #expect(parts.text(for: other) == "Bold reds. Colour is exceptional. 62 out of 100, competent.")
        #expect(!parts.parts[0].quotesScores && parts.parts[1].quotesScores)
        let data = try JSONEncoder().encode(parts)
        #expect(try JSONDecoder().decode(CritiqueParts.self, from: data) == parts)
    }
}
