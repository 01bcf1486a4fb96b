import CTermShims
import TerminalGraphics

/// A picture to place in a box of a multi-picture screen (the overview's thumbnails, compare's pair).
public struct PlacedPicture {
    /// Which artwork at which size.
    public var id: AnyHashable
    /// The box in cells.
    public var box: Rect
    /// The rendered picture, nil while it is being prepared.
    public var picture: TerminalImage?

    /// Creates a placement.
    public init(id: AnyHashable, box: Rect, picture: TerminalImage?) {
        self.id = id
        self.box = box
        self.picture = picture
    }
}
