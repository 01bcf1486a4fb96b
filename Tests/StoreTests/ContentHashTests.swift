import Foundation
import Testing

@testable import Store

@Suite struct ContentHashTests {
    @Test("SHA-256 (swift-crypto) matches the FIPS 180-4 test vectors, as lowercase hex")
    func vectors() {
        #expect(ArtworkFile.sha256Hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            ArtworkFile.sha256Hex(Data("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            ArtworkFile.sha256Hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            ArtworkFile.sha256Hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("an artwork's file is read only while it holds the imported content")
    func verifiedContents() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("a.png")
        try Data("picture".utf8).write(to: URL(fileURLWithPath: path))
        let artwork = Artwork(
            id: 1, classID: 1, studentID: nil, filePath: path, sha256: ArtworkFile.sha256Hex(Data("picture".utf8)),
            byteSize: 7, width: 1, height: 1, title: "", description: "", importedAt: Date(), hiddenAt: nil)
        #expect(try ArtworkFile.contents(of: artwork) == Data("picture".utf8))
        try Data("another".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.fileChanged(path: path)) { try ArtworkFile.contents(of: artwork) }
        unlink(path)
        #expect(throws: StoreError.unreadableFile(path: path, reason: "no such file")) {
            try ArtworkFile.contents(of: artwork)
        }
    }
}
