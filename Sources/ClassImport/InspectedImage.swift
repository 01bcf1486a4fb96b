import Foundation
import Imaging
import Store

/// An image file read, hashed and validated, ready to store, with the time each step took.
struct InspectedImage: Sendable {
    var artwork: NewArtwork
    var read: Duration
    var hash: Duration
    var validate: Duration

    /// The longest side of the validation decode. For JPEG this decodes every entropy-coded block at 1/8
    /// scale, so a damaged or truncated stream is caught at a fraction of a full decode's cost.
    static let validationSize = 64

    /// Reads, hashes and validates one file. `isKnown` tells whether the class already holds a content hash,
    /// in which case only the header is read.
    static func inspect(
        file: String, folder: String, row: ClassCSVRow?, options: DecodeOptions,
        isKnown: (String) throws -> Bool
    ) -> Result<InspectedImage, ImportFailure> {
        let path = (folder as NSString).appendingPathComponent(file)
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            // Reading a FIFO would wait for a writer forever (and then say "empty").
            return .failure(
                ImportFailure(
                    file: file, reason: "not a regular file (a pipe, device or socket); only picture files are imported"
                ))
        }
        var data = Data()
        let read = ThreadCPUTime.measure {
            data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
        }
        if data.isEmpty {
            let readable = FileManager.default.isReadableFile(atPath: path)
            return .failure(
                ImportFailure(file: file, reason: readable ? ImagingError.empty.description : "cannot read the file"))
        }
        var digest = ""
        let hash = ThreadCPUTime.measure { digest = ArtworkFile.sha256Hex(data) }
        // Content already in the class was validated when it was first imported: the header is enough.
        let known = (try? isKnown(digest)) ?? false
        var info: ImageInfo?
        var failure: String?
        let validate = ThreadCPUTime.measure {
            do {
                info = try ImageDecoder.info(of: data, options: options)
                if !known {
                    _ = try ImageDecoder.decodePreview(
                        data, maxWidth: validationSize, maxHeight: validationSize, options: options)
                }
            } catch {
                failure = (error as? ImagingError)?.underlying.description ?? "\(error)"
            }
        }
        guard let info, failure == nil else {
            return .failure(ImportFailure(file: file, reason: failure ?? "not an image"))
        }

        var description = row.map(\.description)
        if description?.isEmpty ?? true, let sidecar = FolderListing.sidecar(of: file, in: folder) {
            switch readSidecar(sidecar) {
            case .success(let text): description = text
            case .failure(let failure): return .failure(failure)
            }
        }
        let artwork = NewArtwork(
            filePath: path, sha256: digest, byteSize: Int64(data.count), width: info.width, height: info.height,
            title: row.map(\.title), description: description, studentName: row.map(\.student),
            studentExternalID: row.map(\.studentID))
        return .success(InspectedImage(artwork: artwork, read: read, hash: hash, validate: validate))
    }

    /// The text of a sidecar description: UTF-8 (byte-order mark dropped), trimmed; NUL is refused.
    static func readSidecar(_ path: String) -> Result<String, ImportFailure> {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ImportFailure(file: name, reason: "cannot read the description file"))
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            return .failure(ImportFailure(file: name, reason: "the description is not UTF-8 text; save it as UTF-8"))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.unicodeScalars.contains("\0") {
            return .failure(ImportFailure(file: name, reason: "the description contains a NUL character"))
        }
        return .success(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
