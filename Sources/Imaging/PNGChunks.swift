/// A walk over a PNG's chunk list without inflating anything: the IHDR size, the eXIf orientation, and
/// whether the file stops before its IEND chunk.
struct PNGChunks {
    /// Width from IHDR.
    var width = 0
    /// Height from IHDR.
    var height = 0
    /// EXIF orientation from an eXIf chunk, 1 when there is none.
    var orientation = 1
    /// True when the data ends before IEND (a chunk runs past the end, or IEND is missing).
    var truncated = false

    /// Walks the chunks of PNG `bytes` (which start with the PNG signature).
    /// - Throws: `ImagingError.truncated` when even IHDR is incomplete, `.corrupt` when the first chunk is not IHDR.
    init(_ bytes: UnsafeRawBufferPointer) throws {
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        func type(_ at: Int) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + 4)]), as: UTF8.self)
        }
        guard bytes.count >= 8 + 8 + 13 else { throw ImagingError.truncated }
        guard type(12) == "IHDR", u32(8) == 13 else { throw ImagingError.corrupt("the PNG does not start with IHDR") }
        width = u32(16)
        height = u32(20)
        guard width > 0, height > 0 else {
            throw ImagingError.corrupt("the PNG header gives a size of \(width)×\(height)")
        }
        var at = 8
        while true {
            guard at + 8 <= bytes.count else {
                truncated = true
                return
            }
            let length = u32(at)
            let name = type(at + 4)
            let end = at + 12 + length
            guard length <= 0x7FFF_FFFF, end <= bytes.count else {
                truncated = true
                return
            }
            if name == "IEND" { return }
            if name == "eXIf" {
                orientation = EXIFReader.pngOrientation(
                    chunk: UnsafeRawBufferPointer(rebasing: bytes[(at + 8)..<(at + 8 + length)]))
            }
            at = end
        }
    }
}
