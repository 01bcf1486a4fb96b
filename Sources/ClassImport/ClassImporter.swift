import Foundation
import Imaging
import Store
import Synchronization

/// Imports a folder of artwork images into a class of the store.
///
/// Images are files named `.jpg`, `.jpeg` or `.png` in any letter case, checked by content (header and a
/// validation decode); each bad one is reported as `file: reason` while the rest go on. Students, titles and
/// descriptions come from an optional `class.csv`, descriptions also from a sidecar `NAME.txt` or
/// `NAME.png.txt`. Each artwork is stored in its own transaction, keyed by content SHA-256 within the
/// class, so importing again adds nothing and an interrupted import keeps every artwork it stored.
public struct ClassImporter: Sendable {
    /// The store written to.
    public let store: Store
    /// The pixel limit for images (default 100 MP).
    public var decodeOptions = DecodeOptions()
    /// How many files are checked at once.
    public var concurrency = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// An importer writing to `store`.
    public init(store: Store) { self.store = store }

    /// Called after each image: the file name, what happened, and how many of how many are done.
    public typealias Progress = @Sendable (_ file: String, _ outcome: String, _ done: Int, _ total: Int) -> Void

    /// Imports the folder at `path` into the class `className` (created when missing).
    /// - Throws: ``ClassImportError`` when the folder cannot be listed or `class.csv` is malformed (nothing
    ///   is imported then), or ``StoreError`` when the database fails.
    public func importFolder(_ path: String, className: String, progress: Progress? = nil) throws -> ImportReport {
        let start = ContinuousClock.now
        var report = ImportReport(className: className)
        let listing = try FolderListing(path: path)
        report.skipped = listing.others
        report.imagesFound = listing.images.count
        for name in listing.undecodableNames {
            report.failures.append(
                ImportFailure(
                    file: name, reason: "the file name is not valid UTF-8 text; rename the file and import again"))
        }
        let rows = try listing.classCSV.map { try ClassCSV.parse(readCSV($0), name: "class.csv") } ?? []
        let matched = Self.match(rows: rows, images: listing.images, report: &report)
        let klass = try store.ensureClass(named: className)

        var firstFileOfHash: [String: String] = [:]
        var done = 0
        for batch in stride(from: 0, to: listing.images.count, by: concurrency * 4) {
            let files = Array(listing.images[batch..<min(batch + concurrency * 4, listing.images.count)])
            let inspected = inspect(files, folder: listing.path, rows: matched, classID: klass.id)
            for (file, result) in zip(files, inspected) {
                done += 1
                switch result {
                case .failure(let failure):
                    report.failures.append(failure)
                    progress?(file, "failed: \(failure.reason)", done, listing.images.count)
                case .success(let found):
                    report.timings.read += found.read
                    report.timings.hash += found.hash
                    report.timings.validate += found.validate
                    report.bytes += found.artwork.byteSize
                    if let first = firstFileOfHash[found.artwork.sha256] {
                        report.warnings.append("\(file): the same picture as \(first); imported once")
                        progress?(file, "duplicate of \(first)", done, listing.images.count)
                        continue
                    }
                    firstFileOfHash[found.artwork.sha256] = file
                    var outcome = ImportOutcome.unchanged(0)
                    let storeStart = ContinuousClock.now
                    report.timings.store += try ThreadCPUTime.measure {
                        outcome = try store.importArtwork(found.artwork, classID: klass.id)
                    }
                    report.timings.storeWall += ContinuousClock.now - storeStart
                    switch outcome {
                    case .added: report.added.append(file)
                    case .updated: report.updated.append(file)
                    case .unchanged: report.unchanged.append(file)
                    case .replaced: report.replaced.append(file)
                    }
                    progress?(file, Self.word(outcome), done, listing.images.count)
                }
            }
        }
        report.timings.wall = ContinuousClock.now - start
        return report
    }

    static func word(_ outcome: ImportOutcome) -> String {
        switch outcome {
        case .added: "added"
        case .updated(_, let fields): "updated (\(fields.joined(separator: ", ")))"
        case .unchanged: "unchanged"
        case .replaced: "picture replaced (earlier scores kept in the history; grade it again)"
        }
    }

    /// Pairs `class.csv` rows with image files: the exact name, else the only one that differs in letter case.
    static func match(rows: [ClassCSVRow], images: [String], report: inout ImportReport) -> [String: ClassCSVRow] {
        let exact = Set(images)
        var byLowercase: [String: [String]] = [:]
        for image in images { byLowercase[image.lowercased(), default: []].append(image) }
        var matched: [String: ClassCSVRow] = [:]
        for row in rows {
            if exact.contains(row.file) {
                matched[row.file] = row
            } else if let candidates = byLowercase[row.file.lowercased()], candidates.count == 1 {
                matched[candidates[0]] = row
            } else {
                report.warnings.append("class.csv line \(row.line): \(row.file) is not an image in the folder")
            }
        }
        return matched
    }

    private func readCSV(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ClassImportError.unreadableCSV(file: "class.csv", reason: FolderListing.reason(error))
        }
    }

    /// Checks files in parallel; the results come back in the order of `files`.
    private func inspect(_ files: [String], folder: String, rows: [String: ClassCSVRow], classID: Int64)
        -> [Result<InspectedImage, ImportFailure>]
    {
        let results = Mutex([Result<InspectedImage, ImportFailure>?](repeating: nil, count: files.count))
        let options = decodeOptions
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let result = InspectedImage.inspect(
                file: files[i], folder: folder, row: rows[files[i]], options: options
            ) { try store.hasArtwork(classID: classID, sha256: $0) }
            results.withLock { $0[i] = result }
        }
        return results.withLock { $0.map { $0! } }
    }
}
