import EaselTestSupport
import Foundation
import Imaging

@testable import ClassImport

/// A temporary class folder with a database beside it, removed when released.
final class ImportFolder {
    let root: String
    let images: String
    var database: String { (root as NSString).appendingPathComponent("easel.sqlite") }

    init() throws {
        root = (NSTemporaryDirectory() as NSString).appendingPathComponent("easel-import-\(UUID().uuidString)")
        images = (root as NSString).appendingPathComponent("class")
        try FileManager.default.createDirectory(atPath: images, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { (images as NSString).appendingPathComponent(name) }

    func write(_ name: String, _ data: Data) throws { try data.write(to: URL(fileURLWithPath: path(name))) }

    func write(_ name: String, text: String) throws { try write(name, Data(text.utf8)) }

    func png(_ name: String, index: Int, width: Int = 48, height: Int = 32) throws {
        try write(name, try PNGEncoder.encode(SyntheticImages.image(index: index, width: width, height: height)))
    }

    func jpeg(_ name: String, index: Int, width: Int = 48, height: Int = 32) throws -> Data {
        let data = try JPEGEncoder.encode(SyntheticImages.image(index: index, width: width, height: height))
        try write(name, data)
        return data
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }
}

/// The repository root (the folder holding Package.swift) and the shared test data beside it.
enum RepositoryPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let sharedImages = ((root as NSString).appendingPathComponent("../shared/data/images") as NSString)
        .standardizingPath
    static let samples = (root as NSString).appendingPathComponent("Samples")

    static func sharedImage(_ name: String) -> String? {
        let path = (sharedImages as NSString).appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
