import Foundation
import Imaging

@testable import Grading

/// The labelled truth set for sheet finding and coverage: generated phone photos (truth by construction) and
/// the real photos in `../shared/data/images`, labelled by hand.
enum TruthSet {
    /// One labelled photo.
    struct Item {
        var name: String
        var image: RGBImage
        /// Whether a sheet of paper should be found (nil: either answer is acceptable).
        var sheet: Bool?
        /// The share of the sheet (or, without a sheet, of the picture) covered by marks.
        var coverage: Double
        var monochrome: Bool
        var description: String
    }

    /// `<repo root>/../shared/data/images`, found from this file's path.
    static let sharedImages: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared/data/images")
    }()

    /// The real photos, labelled by hand: each was looked at upright and rectified (the sheet cut out and
    /// flattened), and the share of the sheet that carries marks estimated by eye on a 10 × 10 grid (how many
    /// cells are mostly marked, with line work counted at its drawn width), rounded to 0.05. The paintings
    /// are reproductions edge to edge: no sheet, the paint covers all of the picture.
    static let realLabels: [(file: String, sheet: Bool?, coverage: Double, monochrome: Bool, description: String)] = [
        ("drawing-garlic.png", true, 0.05, false, "a garlic bulb with a face"),
        ("drawing-char4.png", true, 0.08, false, "me reaching for a disco ball"),
        ("drawing-char5.png", nil, 0.02, false, "a bug with long feelers"),
        ("drawing-char6.png", nil, 0.03, false, "a pink pig"),
        ("painting-starry_night.jpg", false, 1.0, false, "a swirling night sky over a village"),
        ("painting-the_scream.jpg", false, 1.0, false, "a person screaming on a bridge"),
        ("painting-shipwreck.jpg", false, 1.0, false, "a ship in a storm"),
        ("painting-woman-with-hat-matisse.jpg", false, 1.0, false, "a woman in a big hat"),
    ]

    /// The real photos that are present (none when the shared folder is absent).
    static func real() -> [Item] {
        realLabels.compactMap { label in
            let url = sharedImages.appendingPathComponent(label.file)
            guard let image = try? ImageDecoder.decode(contentsOf: url) else { return nil }
            return Item(
                name: label.file, image: image, sheet: label.sheet, coverage: label.coverage,
                monochrome: label.monochrome, description: label.description)
        }
    }

    /// The generated photos.
    static func generated(count: Int = 36) -> [Item] {
        PhonePhotos.set(count: count).map {
            Item(
                name: $0.name, image: $0.image, sheet: true, coverage: $0.coverage, monochrome: $0.monochrome,
                description: $0.description)
        }
    }

    /// Every labelled photo (made once per test run).
    static let items: [Item] = generated() + real()

    /// Every labelled photo.
    static func all() -> [Item] { items }

    /// Every labelled photo with its measurements (without a class).
    static let measured: [(item: Item, measurements: Measurements)] = items.map {
        ($0, ArtworkProfile(id: $0.name, image: $0.image, description: $0.description).measurements)
    }

    /// Writes the photo and the scorer's working copy as PNGs under `folder` (for looking at them).
    static func dump(_ item: Item, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let small =
            max(item.image.width, item.image.height) > 400
            ? ImageResizer.downscale(item.image, toFitWidth: 400, height: 400) : item.image
        try PNGEncoder.encode(small).write(to: folder.appendingPathComponent("\(item.name)-photo.png"))
        try PNGEncoder.encode(WorkingImage(item.image).image).write(
            to: folder.appendingPathComponent("\(item.name)-sheet.png"))
    }
}
