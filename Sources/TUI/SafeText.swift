import TerminalSafety

/// The review screen's name for ``Sanitizer``, the one sanitizer every printing module uses (kept so that
/// screen code reads `SafeText.clean(…)`; there is no second implementation).
public enum SafeText {
    /// ``Sanitizer/clean(_:newlines:)``: controls shown as Control Pictures (`␛`), C1 and bidirectional
    /// controls as `\u{…}`; newlines kept when `keepNewlines`, else spaces.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        Sanitizer.clean(text, newlines: keepNewlines ? .keep : .space)
    }

    /// True when `character` is text a person typed, not a control: editors take only these.
    public static func isPrintable(_ character: Character) -> Bool { Sanitizer.isPrintable(character) }
}
