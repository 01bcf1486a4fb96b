import Foundation

/// The image file formats Easel reads, recognised by their first bytes (never by the file name).
public enum ImageFormat: String, Sendable, CaseIterable {
    /// JPEG (JFIF, EXIF, Adobe; baseline or progressive).
    case jpeg
    /// PNG (any colour type, bit depth and interlacing).
    case png

    /// The bytes every file of this format starts with.
    var magic: [UInt8] {
        switch self {
        case .jpeg: return [0xFF, 0xD8, 0xFF]
        case .png: return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        }
    }

    /// The format whose magic bytes `data` starts with, if any.
    static func sniff(_ data: Data) -> ImageFormat? {
        allCases.first { format in
            data.count >= format.magic.count && data.prefix(format.magic.count).elementsEqual(format.magic)
        }
    }

    /// True when `data` is a proper, non-empty start of some format's magic bytes (a file cut very short).
    static func isTruncatedMagic(_ data: Data) -> Bool {
        !data.isEmpty
            && allCases.contains { format in
                data.count < format.magic.count && format.magic.prefix(data.count).elementsEqual(data)
            }
    }
}
