import Crypto
import Foundation

/// An artwork's image file, read only when it still holds the picture that was imported: a file changed
/// after import (re-photographed, edited) is never graded or shown beside scores of the old picture.
public enum ArtworkFile {
    /// The SHA-256 of `data`, lowercase hex (swift-crypto: BoringSSL's SHA-NI/AVX2 code; the hand-written one
    /// spent 10.9 of the 11.5 ms CPU of re-importing a phone photo).
    public static func sha256Hex(_ data: Data) -> String {
        let digest = SHA256.hash(data: data)
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of the artwork's file, after checking their hash against the one stored at import.
    /// - Throws: ``StoreError/fileChanged(path:)`` when the content differs,
    ///   ``StoreError/unreadableFile(path:reason:)`` when the file cannot be read.
    public static func contents(of artwork: Artwork) throws -> Data {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: artwork.filePath))
        } catch {
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code
            let reason =
                FileManager.default.fileExists(atPath: artwork.filePath)
                ? code.map { String(cString: strerror(Int32($0))) } ?? "read error" : "no such file"
            throw StoreError.unreadableFile(path: artwork.filePath, reason: reason)
        }
        guard sha256Hex(data) == artwork.sha256 else { throw StoreError.fileChanged(path: artwork.filePath) }
        return data
    }
}
