import Foundation
import GGUF
import QwenVL
import Testing

/// Files that are not a Qwen2-VL vision tower are refused with one clear line.
@Suite struct VisionErrorTests {
    static func file(_ keys: [String: GGUFValue]) throws -> GGUFFile {
        var writer = GGUFWriter()
        for (key, value) in keys { writer.set(key, value) }
        try writer.addTensor(name: "x", dims: [4], floats: [0, 0, 0, 0])
        return try GGUFFile(bytes: writer.encoded(), name: "test.gguf")
    }

    @Test("Qwen2.5-VL and other projectors, text models and a missing file are refused")
    func refusals() throws {
        let qwen25 = try Self.file([
            "general.architecture": .string("clip"), "clip.projector_type": .string("qwen2.5vl_merger"),
        ])
        #expect(throws: QwenVLError.unsupportedProjector(file: "test.gguf", projector: "qwen2.5vl_merger")) {
            try VisionTower(file: qwen25)
        }
        let text = try Self.file(["general.architecture": .string("qwen2vl")])
        #expect(throws: QwenVLError.notVisionProjector(file: "test.gguf", reason: "architecture is \"qwen2vl\"")) {
            try VisionTower(file: text)
        }
        #expect(throws: QwenVLError.self) { try VisionTower(path: "/nonexistent/mmproj.gguf") }
        let error = QwenVLError.unsupportedProjector(file: "m.gguf", projector: "qwen2.5vl_merger")
        #expect(error.description.contains("only Qwen2-VL's qwen2vl_merger"))
    }

    @Test("A scoring head of the wrong width or with a token outside the vocabulary is refused")
    func headChecks() throws {
        let directory = Fixture.directory
        let head = try ScoringHead(path: directory.appendingPathComponent("vision-tiny-tied-head.gguf").path)
        let model = try QwenVLModel(path: directory.appendingPathComponent("tiny-untied-f32.gguf").path)
        #expect(throws: QwenVLError.self) { try head.check(against: model.language.config, textPath: "t.gguf") }
        #expect(throws: QwenVLError.self) {
            try ScoringHead(path: directory.appendingPathComponent("tiny-untied-f32.gguf").path)
        }
    }
}
