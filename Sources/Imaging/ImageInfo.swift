/// What an image header says, read without decoding pixels.
public struct ImageInfo: Sendable, Hashable {
    /// The format found by magic bytes.
    public let format: ImageFormat
    /// Width of the upright image (after EXIF orientation) in pixels.
    public let width: Int
    /// Height of the upright image (after EXIF orientation) in pixels.
    public let height: Int
    /// The EXIF orientation, 1...8; 1 when the file has none.
    public let orientation: Int

    /// Creates an info value.
    public init(format: ImageFormat, width: Int, height: Int, orientation: Int) {
        self.format = format
        self.width = width
        self.height = height
        self.orientation = orientation
    }

    /// The number of pixels.
    public var pixelCount: Int { width * height }
}
