import EaselTestSupport
import Foundation
import Store
import Testing

/// `easel grade`, `calibrate`, `eval` and `export training` end to end on the bundled Samples.
@Suite(.serialized) final class GradingCLITests {
    let root: String
    let bandWords = ["beginning", "developing", "competent", "strong", "exceptional"]

    init() throws {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-grading-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var db: [String] { ["--db", (root as NSString).appendingPathComponent("db.sqlite")] }

    func importSamples() throws -> Store {
        let samples = (EaselBinary.repositoryRoot as NSString).appendingPathComponent("Samples")
        let result = try EaselBinary.run(["import", samples, "--class", "demo"] + db)
        #expect(result.status == 0, "\(result.stderr)")
        return try Store(path: db[1])
    }

    func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    @Test("grade on Samples: five sub-scores in 0–20, total = sum, 60–150-word critiques whose band words match")
    func gradeSamples() throws {
        let store = try importSamples()
        let graded = try EaselBinary.run(["grade", "--class", "demo"] + db)
        #expect(graded.status == 0, "\(graded.stderr)")
        #expect(graded.stderr.contains("grading 15/15"))
        let results = try store.results(classID: try store.requireClass("demo").id)
        #expect(results.count >= 12)
        var critiques = Set<String>()
        for result in results {
            let assessment = try #require(result.latestAssessment?.assessment)
            #expect(assessment.scores.values.allSatisfy { (0...20).contains($0) })
            #expect(assessment.total == assessment.scores.values.reduce(0, +))
            let critique = words(assessment.critique)
            #expect((60...150).contains(assessment.critique.split(separator: " ").count))
            let expected = Set(assessment.scores.values.map(bandWord) + [totalBandWord(assessment.total)])
            #expect(Set(critique.filter(bandWords.contains)) == expected, "\(assessment.critique)")
            critiques.insert(assessment.critique)
        }
        #expect(critiques.count == results.count)
        let again = try EaselBinary.run(["grade", "--class", "demo"] + db)
        #expect(again.stdout.contains("already") || again.stdout.contains("have an assessment"))
        let config = (root as NSString).appendingPathComponent("config.toml")
        let vlm = try EaselBinary.run(
            ["grade", "--class", "demo", "--scorer", "vlm"] + db, environment: ["EASEL_CONFIG": config])
        #expect(vlm.status != 0)
        #expect(vlm.stderr.contains("needs --model"), "\(vlm.stderr)")
    }

    @Test(
        "calibrate refuses under 10 reviews, then fits, saves a version that grade uses; export training writes JSONL + PNGs"
    )
    func calibrateAndExport() throws {
        let store = try importSamples()
        #expect(try EaselBinary.run(["grade", "--class", "demo"] + db).status == 0)
        let classID = try store.requireClass("demo").id
        let artworks = try store.artworks(classID: classID)
        for artwork in artworks.prefix(6) { try store.accept(artworkID: artwork.id) }
        let early = try EaselBinary.run(["calibrate", "--class", "demo"] + db)
        #expect(early.status != 0)
        #expect(early.stderr.contains("needs 4 more"), "\(early.stderr)")
        for artwork in artworks.dropFirst(6) {
            var scores = try #require(try store.latestAssessment(artworkID: artwork.id)?.assessment.scores)
            scores.color = min(20, scores.color + 3)
            try store.saveReview(artworkID: artwork.id, scores: scores, critique: "Edited: a clear, lively piece.")
        }
        let fitted = try EaselBinary.run(["calibrate", "--class", "demo"] + db)
        #expect(fitted.status == 0, "\(fitted.stderr)")
        #expect(fitted.stdout.contains("saved as builtin calibration version 1"))
        #expect(fitted.stdout.contains("MAE before"))
        let regraded = try EaselBinary.run(["grade", "--class", "demo", "--force"] + db)
        #expect(regraded.stdout.contains("builtin 6+cal1"), "\(regraded.stdout)")

        let out = (root as NSString).appendingPathComponent("training")
        let export = try EaselBinary.run(["export", "training", "--class", "demo", "-o", out] + db)
        #expect(export.status == 0, "\(export.stderr)")
        let jsonl = try String(contentsOfFile: (out as NSString).appendingPathComponent("train.jsonl"), encoding: .utf8)
        let lines = jsonl.split(separator: "\n")
        #expect(lines.count == artworks.count)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let messages = try #require(object["messages"] as? [[String: String]])
            #expect(messages.map { $0["role"] ?? "" } == ["system", "user", "assistant"])
            #expect(messages[1]["content"]?.hasPrefix("<image>") == true)
            let image = try #require((object["images"] as? [String])?.first)
            let png = try Data(contentsOf: URL(fileURLWithPath: (out as NSString).appendingPathComponent(image)))
            #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
            #expect(png.range(of: Data("eXIf".utf8)) == nil)
            #expect(["accepted", "edited"].contains(object["source"] as? String ?? ""))
            #expect((object["scores"] as? [String: Int])?.count == 6)
        }
    }

    @Test("a missing image file is reported by name, the rest are graded, and the exit status says so")
    func missingFile() throws {
        let folder = (root as NSString).appendingPathComponent("class")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let samples = (EaselBinary.repositoryRoot as NSString).appendingPathComponent("Samples")
        for name in ["my_house.png", "storm.png", "tension.png"] {
            try FileManager.default.copyItem(
                atPath: (samples as NSString).appendingPathComponent(name),
                toPath: (folder as NSString).appendingPathComponent(name))
        }
        #expect(try EaselBinary.run(["import", folder, "--class", "c"] + db).status == 0)
        try FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent("storm.png"))
        let graded = try EaselBinary.run(["grade", "--class", "c"] + db)
        #expect(graded.status != 0)
        #expect(graded.stderr.contains("storm.png"), "\(graded.stderr)")
        #expect(graded.stdout.contains("graded 2 of 3"), "\(graded.stdout)")
    }

    @Test("eval with a missing labels file is one clear line")
    func evalMissingLabels() throws {
        let missing = try EaselBinary.run(["eval", "--labels", "/nonexistent/test.csv"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/nonexistent/test.csv: no such file"))
    }

    @Test(
        "eval prints one JSON object on the labelled set",
        .enabled(if: TestEnvironment.hasSharedImages, "needs ../shared/data/images"))
    func eval() throws {
        let evaluation = (EaselBinary.repositoryRoot as NSString).appendingPathComponent("Training/evaluation")
        let run = try EaselBinary.run([
            "eval", "--labels", "\(evaluation)/test.csv", "--train", "\(evaluation)/train.csv", "--json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["n"] as? Int == 16)
        #expect((object["dimensions"] as? [String: Any])?.count == 5)
        #expect((object["total"] as? [String: Any])?["icc"] != nil)
    }

    func bandWord(_ score: Int) -> String {
        switch score {
        case 17...: "exceptional"
        case 13...16: "strong"
        case 9...12: "competent"
        case 5...8: "developing"
        default: "beginning"
        }
    }

    func totalBandWord(_ total: Int) -> String {
        switch total {
        case 85...: "exceptional"
        case 65...84: "strong"
        case 45...64: "competent"
        case 25...44: "developing"
        default: "beginning"
        }
    }
}
