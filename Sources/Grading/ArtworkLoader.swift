import Foundation
import Imaging

/// Reads artwork files for scoring: decoded once, straight to the size the scorer needs.
public enum ArtworkLoader {
    /// Decodes an image file to fit inside `longestSide` × `longestSide`
    /// (JPEG through libjpeg's DCT scaling, so a 12 MP photo costs little more than a thumbnail).
    /// - Throws: `ImagingError` naming the file.
    public static func image(contentsOf url: URL, longestSide: Int = BuiltinScorer.workingSide) throws -> RGBImage {
        try ImageDecoder.decodePreview(contentsOf: url, maxWidth: longestSide, maxHeight: longestSide)
    }

    /// Decodes and measures an image file for the built-in scorer.
    public static func profile(id: String, contentsOf url: URL, description: String) throws -> ArtworkProfile {
        ArtworkProfile(id: id, image: try image(contentsOf: url), description: description)
    }

    /// Decodes and measures an image held in memory (a JPEG or PNG file's bytes).
    public static func profile(id: String, data: Data, description: String) throws -> ArtworkProfile {
        let side = BuiltinScorer.workingSide
        let image = try ImageDecoder.decodePreview(data, maxWidth: side, maxHeight: side)
        return ArtworkProfile(id: id, image: image, description: description)
    }
}
