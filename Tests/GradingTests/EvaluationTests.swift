import Foundation
import Imaging
import Rubric
import Testing

@testable import Grading

@Suite struct EvaluationTests {
    /// Writes `count` synthetic artworks as PNG files and a labels CSV whose scores follow the default map
    /// plus an offset, so a calibrated scorer can learn the offset.
    static func labelledFolder(count: Int, offset: Double, seed: UInt64) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("easel-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var rows = ["file,originality,color,texture,composition,content,description"]
        var profiles: [ArtworkProfile] = []
        var names: [String] = []
        for i in 0..<count {
            let image = Synth.artwork(seed: seed &+ UInt64(i) &* 17)
            let name = "art \(i).png"
            try PNGEncoder.encode(image).write(to: dir.appendingPathComponent(name))
            let description = "picture number \(i) of a garden"
            profiles.append(ArtworkProfile(id: "\(i)", image: image, description: description))
            names.append(name)
        }
        let context = ClassContext(profiles: profiles)
        for (i, profile) in profiles.enumerated() {
            let m = BuiltinScorer().measurements(for: profile, context: context)
            let labels = LinearMap.default.predict(m).map { min(20, max(0, $0 + offset)) }
            let cells = labels.map { String(format: "%.1f", $0) }.joined(separator: ",")
            rows.append("\"\(names[i])\",\(cells),\"picture number \(i) of a garden\"")
        }
        let path = dir.appendingPathComponent("labels.csv").path
        try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("eval reports every metric per dimension and for the total, as the JSON the issue asks for")
    func json() async throws {
        let test = try LabelSet(path: try Self.labelledFolder(count: 12, offset: 0, seed: 1))
        let report = try await Evaluation.run(test: test)
        #expect(report.n == 12)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["n", "total", "dimensions"])
        let dimensions = try #require(object["dimensions"] as? [String: [String: Any]])
        #expect(Set(dimensions.keys) == Set(Dimension.allCases.map(\.rawValue)))
        for (_, metrics) in dimensions {
            #expect(Set(metrics.keys) == ["pearson", "spearman", "mae", "rmse", "icc"])
        }
        // Labels are the default map's own predictions (rounded to a tenth): errors are rounding only.
        for d in Dimension.allCases { #expect(try #require(report.metrics(d).mae) <= 0.55) }
        #expect(report.table.contains("icc(2,1)"))
    }

    @Test("calibrating on a training set learns a systematic offset the default map misses")
    func calibrated() async throws {
        let train = try LabelSet(path: try Self.labelledFolder(count: 24, offset: 4, seed: 100))
        let test = try LabelSet(path: try Self.labelledFolder(count: 12, offset: 4, seed: 200))
        let plain = try await Evaluation.run(test: test)
        let tuned = try await Evaluation.run(test: test, train: train)
        #expect(tuned.calibration?.examples == 24)
        let plainMAE = try #require(plain.total.mae)
        #expect(try #require(tuned.total.mae) < plainMAE / 2)
        #expect(try #require(tuned.total.icc) > (plain.total.icc ?? 0))
    }

    @Test("an unreadable image is reported with the CSV line")
    func badImage() async throws {
        let path = try Self.labelledFolder(count: 3, offset: 0, seed: 5)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try Data("not an image".utf8).write(to: folder.appendingPathComponent("art 1.png"))
        let set = try LabelSet(path: path)
        await #expect {
            try await Evaluation.run(test: set)
        } throws: { error in
            String(describing: error).hasPrefix("\(path):3: ")
        }
    }

    @Test("a training set under 10 images is refused with the file named")
    func smallTrain() async throws {
        let train = try LabelSet(path: try Self.labelledFolder(count: 4, offset: 0, seed: 9))
        let test = try LabelSet(path: try Self.labelledFolder(count: 3, offset: 0, seed: 10))
        await #expect {
            try await Evaluation.run(test: test, train: train)
        } throws: { error in
            String(describing: error).contains("calibration needs at least 10 labelled images, the file has 4")
        }
    }
}
