/// Finds the EXIF orientation tag in a JPEG APP1 segment or a PNG eXIf chunk, reading bytes with bounds checks.
///
/// A missing, damaged or out-of-range orientation counts as 1 (upright): EXIF is advisory and must never
/// make an otherwise good image fail.
enum EXIFReader {
    /// The orientation tag number in IFD0.
    static let orientationTag: UInt16 = 0x0112

    /// The orientation (1...8) in a TIFF structure (the EXIF payload after "Exif\0\0"), else 1.
    static func orientation(tiff bytes: UnsafeRawBufferPointer) -> Int {
        guard bytes.count >= 8 else { return 1 }
        let littleEndian: Bool
        switch (bytes[0], bytes[1]) {
        case (0x49, 0x49): littleEndian = true
        case (0x4D, 0x4D): littleEndian = false
        default: return 1
        }
        func u16(_ offset: Int) -> Int? {
            guard offset >= 0, offset + 2 <= bytes.count else { return nil }
            let a = Int(bytes[offset])
            let b = Int(bytes[offset + 1])
            return littleEndian ? a | b << 8 : a << 8 | b
        }
        func u32(_ offset: Int) -> Int? {
            guard let low = u16(littleEndian ? offset : offset + 2), let high = u16(littleEndian ? offset + 2 : offset)
            else { return nil }
            return high << 16 | low
        }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return 1 }
        for entry in 0..<count {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at), let type = u16(at + 2) else { return 1 }
            guard tag == Int(orientationTag) else { continue }
            // SHORT (3) is the standard type; some writers use LONG (4).
            let value: Int?
            switch type {
            case 3: value = u16(at + 8)
            case 4: value = u32(at + 8)
            default: value = nil
            }
            guard let value, (1...8).contains(value) else { return 1 }
            return value
        }
        return 1
    }

    /// The orientation from the first EXIF APP1 segment of a JPEG (segments before the first scan), else 1.
    static func jpegOrientation(_ bytes: UnsafeRawBufferPointer) -> Int {
        var at = 2  // after SOI
        while at + 4 <= bytes.count {
            guard bytes[at] == 0xFF else { return 1 }
            let marker = bytes[at + 1]
            if marker == 0xFF {  // fill byte
                at += 1
                continue
            }
            if marker == 0x01 || (0xD0...0xD8).contains(marker) {  // markers without a length
                at += 2
                continue
            }
            if marker == 0xDA || marker == 0xD9 { return 1 }  // start of scan or end of image: no EXIF
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            guard length >= 2, at + 2 + length <= bytes.count else { return 1 }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[(at + 4)..<(at + 2 + length)])
            if marker == 0xE1, payload.count > 6, payload.prefix(6).elementsEqual(exifHeader) {
                return orientation(tiff: UnsafeRawBufferPointer(rebasing: payload[6...]))
            }
            at += 2 + length
        }
        return 1
    }

    /// The orientation in a PNG eXIf chunk's data (a TIFF structure, sometimes wrongly led by "Exif\0\0").
    static func pngOrientation(chunk: UnsafeRawBufferPointer) -> Int {
        if chunk.count > 6, chunk.prefix(6).elementsEqual(exifHeader) {
            return orientation(tiff: UnsafeRawBufferPointer(rebasing: chunk[6...]))
        }
        return orientation(tiff: chunk)
    }

    /// "Exif\0\0", the identifier that opens an EXIF APP1 segment.
    static let exifHeader: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]
}
