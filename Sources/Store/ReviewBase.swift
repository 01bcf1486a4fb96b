/// The state of an artwork a review action was decided on: which assessment the teacher saw and the artwork's
/// revision then. The store refuses (``StoreError/stale(artworkID:)``) an action whose base is no longer
/// current, in the same transaction as the write, so a change made elsewhere (another review window,
/// `easel grade --force`, a re-import) is never overwritten unseen.
public struct ReviewBase: Sendable, Hashable {
    /// The artwork.
    public var artworkID: Int64
    /// The newest assessment of the artwork's current picture when it was shown, or `nil` when none.
    public var assessmentID: Int64?
    /// The artwork's revision when it was shown: the id of its newest audit entry (every accept, edit, undo,
    /// replaced picture or removal appends one), 0 when it has none.
    public var revision: Int64

    /// Creates a base.
    public init(artworkID: Int64, assessmentID: Int64?, revision: Int64) {
        self.artworkID = artworkID
        self.assessmentID = assessmentID
        self.revision = revision
    }
}
