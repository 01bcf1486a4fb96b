/// What the review loop must do after the session handled a key.
public enum SessionEffect: Sendable, Hashable {
    /// Nothing beyond drawing the new state.
    case none
    /// Repaint the whole screen (and the picture).
    case redraw
    /// Leave the review.
    case quit
    /// Open the critique in `$EDITOR`, starting from this text.
    case externalEdit(String)
    /// Grade this artwork (again) in the background.
    case regrade(Int64)
}
