import Foundation

/// The files of a class folder, sorted into images (by extension), `class.csv`, sidecar descriptions and
/// everything else. Hidden files are left out; subfolders are not entered.
struct FolderListing {
    /// The folder, absolute and standardised.
    let path: String
    /// Image file names (`.jpg`, `.jpeg`, `.png` in any letter case), in name order.
    let images: [String]
    /// The path of `class.csv`, if the folder has one (any letter case).
    let classCSV: String?
    /// Other files and subfolders (a subfolder with a trailing `/`), in name order.
    let others: [String]
    /// Names that are not valid UTF-8 (shown with U+FFFD in place of the bad bytes): they cannot be named in
    /// `class.csv` or stored, so each is reported as a failure asking to rename the file.
    let undecodableNames: [String]

    static let imageExtensions: Set<String> = ["jpg", "jpeg", "png"]

    init(path: String) throws {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw ClassImportError.folderNotFound(path)
        }
        guard isDirectory.boolValue else { throw ClassImportError.notAFolder(path) }
        let (names, undecodable) = try Self.rawNames(absolute, shownAs: path)
        let sorted = names.filter { !$0.hasPrefix(".") }.sorted {
            $0.compare($1, options: [.caseInsensitive, .numeric]) == .orderedAscending
        }
        var images: [String] = []
        var csv: String?
        var rest: [String] = []
        for name in sorted {
            let full = (absolute as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
            let ext = (name as NSString).pathExtension.lowercased()
            if isFolder.boolValue {
                rest.append(name + "/")
            } else if name.lowercased() == "class.csv" {
                csv = full
            } else if Self.imageExtensions.contains(ext) {
                images.append(name)
            } else {
                rest.append(name)
            }
        }
        let imageStems = Set(images.flatMap { [$0, ($0 as NSString).deletingPathExtension] })
        self.path = absolute
        self.undecodableNames = undecodable.filter { !$0.hasPrefix(".") }.sorted()
        self.images = images
        self.classCSV = csv
        self.others = rest.filter { name in
            !(name.lowercased().hasSuffix(".txt") && imageStems.contains((name as NSString).deletingPathExtension))
        }
    }

    /// The entries of a folder, read as bytes: names that are valid UTF-8, and the others decoded lossily.
    static func rawNames(_ folder: String, shownAs path: String) throws -> (valid: [String], invalid: [String]) {
        guard let directory = opendir(folder) else {
            throw ClassImportError.unreadableFolder(path, reason: String(cString: strerror(errno)))
        }
        defer { closedir(directory) }
        var valid: [String] = []
        var invalid: [String] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == Array(".".utf8) || bytes == Array("..".utf8) { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                valid.append(name)
            } else {
                invalid.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        return (valid, invalid)
    }

    /// The sidecar description file of an image, if there is one: `NAME.png.txt`, else `NAME.txt`.
    static func sidecar(of image: String, in folder: String) -> String? {
        for name in [image + ".txt", (image as NSString).deletingPathExtension + ".txt"] {
            let full = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: full) { return full }
        }
        return nil
    }

    /// A short reason from a file-system error.
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let posix = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        switch nsError.code {
        case NSFileReadNoPermissionError: return "permission denied"
        case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file"
        default: return nsError.localizedDescription
        }
    }
}
