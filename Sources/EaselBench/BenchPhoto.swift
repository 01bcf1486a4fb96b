import ArgumentParser
import Foundation

/// The real phone photo that `easel bench imaging` and `easel bench review` measure.
enum BenchPhoto {
    /// `path` when given; otherwise `../shared/data/images/drawing-garlic.png`, looked up from the current
    /// folder and then from the repository root.
    static func locate(_ path: String?) throws -> URL {
        if let path { return URL(fileURLWithPath: path) }
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent(),
        ].map { $0.appendingPathComponent("../shared/data/images/drawing-garlic.png").standardizedFileURL }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw BenchError("no photo found at \(candidates[0].path); pass one with --photo PATH")
        }
        return found
    }
}
