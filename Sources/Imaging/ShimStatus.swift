import CImageShims

/// Turns the C shim's status codes and messages into `ImagingError`s.
enum ShimStatus {
    static let ok = Int32(EASEL_IMG_OK.rawValue)

    /// The error for a failed shim call.
    static func error(_ status: Int32, message: String, width: Int, height: Int, limit: Int) -> ImagingError {
        switch UInt32(bitPattern: status) {
        case EASEL_IMG_TRUNCATED.rawValue: return .truncated
        case EASEL_IMG_TOO_LARGE.rawValue: return .tooLarge(width: width, height: height, limit: limit)
        case EASEL_IMG_UNSUPPORTED.rawValue: return .unsupported(message)
        case EASEL_IMG_NO_MEMORY.rawValue: return .corrupt("out of memory while decoding")
        case EASEL_IMG_BAD_ARGUMENT.rawValue: return .corrupt("internal size mismatch: \(message)")
        default: return .corrupt(message.isEmpty ? "the decoder gave no reason" : message)
        }
    }

    /// A C `char[200]` message field as a Swift string.
    static func string<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
