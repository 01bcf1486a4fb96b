/// Limits applied while decoding.
public struct DecodeOptions: Sendable, Hashable {
    /// The most pixels (width × height) an image may have; larger images are refused before any large
    /// allocation. 100 MP by default, which holds any phone photo or scan Easel expects.
    public var maxPixels: Int

    /// Creates decode options.
    /// - Parameter maxPixels: the pixel limit (default 100,000,000).
    public init(maxPixels: Int = 100_000_000) {
        self.maxPixels = maxPixels
    }
}
