/// Why an image could not be read or written. Each message is one line that says what is wrong and what to do.
public indirect enum ImagingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file or data has zero bytes.
    case empty
    /// The bytes are neither JPEG nor PNG.
    case notAnImage
    /// The data ends before the image does.
    case truncated
    /// The data is damaged; the associated text is the decoder's own explanation.
    case corrupt(String)
    /// The image has more pixels than the limit allows.
    case tooLarge(width: Int, height: Int, limit: Int)
    /// A valid file of a kind Easel does not decode.
    case unsupported(String)
    /// The file could not be read at all (missing, a folder, no permission).
    case unreadable(String)
    /// An encoder failed.
    case encodeFailed(String)
    /// Another error, for the named file.
    case file(String, ImagingError)

    /// The one-line message.
    public var description: String {
        switch self {
        case .empty:
            return "the file is empty (0 bytes); copy or export the image again"
        case .notAnImage:
            return
                "not an image: the content is neither JPEG nor PNG (whatever the file name says); convert it to JPEG or PNG"
        case .truncated:
            return "the image data is truncated (the file ends early); copy the file again from its source"
        case .corrupt(let reason):
            return "the image data is corrupt (\(reason)); export the image again"
        case .tooLarge(let width, let height, let limit):
            return
                "the image is too large: \(width)×\(height) = \(megapixels(width * height)) MP is over the limit of \(megapixels(limit)) MP; shrink it first"
        case .unsupported(let what):
            return "unsupported image: \(what); save it as an RGB JPEG or PNG"
        case .unreadable(let reason):
            return "cannot read the file: \(reason)"
        case .encodeFailed(let reason):
            return "could not encode the image: \(reason)"
        case .file(let path, let error):
            return "\(path): \(error.description)"
        }
    }

    /// The error without any file name around it.
    public var underlying: ImagingError {
        if case .file(_, let error) = self { return error.underlying }
        return self
    }
}

private func megapixels(_ pixels: Int) -> String {
    let tenths = (pixels + 50_000) / 100_000
    return "\(tenths / 10).\(tenths % 10)"
}
