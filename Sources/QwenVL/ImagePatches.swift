/// An image cut into the vision tower's input: square patches in 2×2-merge-block order (blocks in raster order,
/// and inside a block (0,0), (0,1), (1,0), (1,1)), each patch's values in (channel, row, column) order, normalised.
public struct ImagePatches: Sendable {
    /// Patch rows of the resized image (even).
    public let gridHeight: Int
    /// Patch columns of the resized image (even).
    public let gridWidth: Int
    /// Values of one patch (3 × patch × patch).
    public let patchValues: Int
    /// `count × patchValues` values.
    public let values: [Float]

    /// Creates patches from values already in block order.
    public init(gridHeight: Int, gridWidth: Int, patchValues: Int, values: [Float]) {
        self.gridHeight = gridHeight
        self.gridWidth = gridWidth
        self.patchValues = patchValues
        self.values = values
    }

    /// Number of patches.
    public var count: Int { gridHeight * gridWidth }
    /// Language-model tokens after the 2×2 merge: rows of merged tokens.
    public var mergedHeight: Int { gridHeight / 2 }
    /// Columns of merged tokens.
    public var mergedWidth: Int { gridWidth / 2 }
    /// Number of `<|image_pad|>` tokens the image takes in the prompt.
    public var mergedTokenCount: Int { count / 4 }

    /// The grid place (row, column) of each patch, in the patches' block order.
    public var positions: [(row: Int, column: Int)] {
        var out: [(Int, Int)] = []
        out.reserveCapacity(count)
        for blockRow in 0..<(gridHeight / 2) {
            for blockColumn in 0..<(gridWidth / 2) {
                for (dy, dx) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                    out.append((2 * blockRow + dy, 2 * blockColumn + dx))
                }
            }
        }
        return out
    }

    /// The M-RoPE positions of the image's merged tokens when the image starts at position `start`:
    /// t = start, h = start + row, w = start + column. The text after it continues at
    /// `start + max(mergedHeight, mergedWidth)`.
    public func ropePositions(start: Int) -> [MRoPEPosition] {
        var out: [MRoPEPosition] = []
        out.reserveCapacity(mergedTokenCount)
        for row in 0..<mergedHeight {
            for column in 0..<mergedWidth { out.append(MRoPEPosition(t: start, h: start + row, w: start + column)) }
        }
        return out
    }

    /// Rotary positions the image advances the sequence by.
    public var positionSpan: Int { max(mergedHeight, mergedWidth) }
}
