/// One file that could not be imported, and why.
public struct ImportFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name in the class folder.
    public var file: String
    /// Why, in one line.
    public var reason: String

    /// Creates a failure.
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    /// `file: reason`.
    public var description: String { "\(file): \(reason)" }
}

/// Where the time of an import went: CPU time of each stage summed over files (so that other programs
/// competing for the processor do not inflate it), and the wall-clock time of the whole import.
public struct ImportTimings: Sendable, Hashable {
    /// Reading files.
    public var read: Duration = .zero
    /// SHA-256 of the contents.
    public var hash: Duration = .zero
    /// Header read and validation decode.
    public var validate: Duration = .zero
    /// Database transactions (CPU time; waiting for the disk to sync is not counted).
    public var store: Duration = .zero
    /// Database transactions, wall-clock (includes waiting for the disk).
    public var storeWall: Duration = .zero
    /// Wall-clock time of the whole import.
    public var wall: Duration = .zero

    /// Nothing measured yet.
    public init() {}
}

/// What an import did.
public struct ImportReport: Sendable {
    /// The class imported into.
    public var className: String
    /// Image files found (by extension), before validation.
    public var imagesFound = 0
    /// New artworks, by file name.
    public var added: [String] = []
    /// Artworks already there whose title, description, student or path changed, by file name.
    public var updated: [String] = []
    /// Artworks already there, unchanged.
    public var unchanged: [String] = []
    /// Known files with new content (re-photographed): the artwork's picture was replaced, its history kept.
    public var replaced: [String] = []
    /// Image files that could not be imported.
    public var failures: [ImportFailure] = []
    /// Other files in the folder, not imported.
    public var skipped: [String] = []
    /// Things worth knowing that did not stop a file (a `class.csv` row without its image, a duplicate).
    public var warnings: [String] = []
    /// Bytes of image data read.
    public var bytes: Int64 = 0
    /// Where the time went.
    public var timings = ImportTimings()

    /// An empty report for a class.
    public init(className: String) { self.className = className }

    /// True when any image failed.
    public var hasFailures: Bool { !failures.isEmpty }
}
