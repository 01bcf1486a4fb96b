/// A size in pixels or cells: width by height.
public struct PixelSize: Sendable, Hashable, CustomStringConvertible {
    /// Width.
    public var width: Int
    /// Height.
    public var height: Int

    /// Creates a size.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// True when either side is zero or negative.
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The largest size with this one's aspect ratio that fits inside `box`, never larger than `box`.
    public func fitted(into box: PixelSize) -> PixelSize {
        guard !isEmpty, !box.isEmpty else { return PixelSize(width: 0, height: 0) }
        let scale = min(Double(box.width) / Double(width), Double(box.height) / Double(height))
        let w = max(1, min(box.width, Int((Double(width) * scale).rounded())))
        let h = max(1, min(box.height, Int((Double(height) * scale).rounded())))
        return PixelSize(width: w, height: h)
    }

    /// The smaller of each side.
    public func clamped(to limit: PixelSize) -> PixelSize {
        PixelSize(width: min(width, limit.width), height: min(height, limit.height))
    }

    /// "WIDTH×HEIGHT".
    public var description: String { "\(width)×\(height)" }
}
