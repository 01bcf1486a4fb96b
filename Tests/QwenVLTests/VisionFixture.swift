import Foundation

/// The vision fixtures written by Training/fixtures/make_qwen2vl_vision_fixtures.py: an mmproj GGUF for a tiny
/// text fixture, a scoring head, small raw RGB images, and what HF transformers (float64) computed for them.
struct VisionFixture: Decodable {
    struct Image: Decodable {
        let image: String
        let width: Int
        let height: Int
        let minPixels: Int
        let maxPixels: Int
        let grid: [Int]
        let pixelValues: [Float]
        let features: [Float]
        let prompt: [Int]
        let greedyTokens: [Int]
        let greedyMargins: [Float]
        let scoringHidden: [Float]
        let headValues: [Float]

        enum CodingKeys: String, CodingKey {
            case image, width, height, grid, features, prompt
            case minPixels = "min_pixels"
            case maxPixels = "max_pixels"
            case pixelValues = "pixel_values"
            case greedyTokens = "greedy_tokens"
            case greedyMargins = "greedy_margins"
            case scoringHidden = "scoring_hidden"
            case headValues = "head_values"
        }

        /// The image's interleaved RGB bytes.
        func rgb() throws -> [UInt8] {
            [UInt8](try Data(contentsOf: Fixture.directory.appendingPathComponent(image)))
        }
    }

    let text: String
    let mmproj: String
    let head: String?
    let scoringToken: Int
    let images: [Image]

    enum CodingKeys: String, CodingKey {
        case text, mmproj, head, images
        case scoringToken = "scoring_token"
    }

    /// A fixture file's path.
    static func path(_ file: String) -> String { Fixture.directory.appendingPathComponent(file).path }

    /// Loads `vision-<family>.json`.
    static func load(_ family: String) throws -> VisionFixture {
        let data = try Data(contentsOf: Fixture.directory.appendingPathComponent("vision-\(family).json"))
        return try JSONDecoder().decode(VisionFixture.self, from: data)
    }

    /// The families: tiny-untied (F32 mmproj, current names), tiny-tied (F16 mmproj, legacy swapped MLP names).
    static let families = ["tiny-untied", "tiny-tied"]
}
