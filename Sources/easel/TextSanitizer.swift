import TerminalSafety

/// The old name of ``Sanitizer/clean(_:newlines:)`` in this executable (kept for code written against it);
/// new code prints ``TerminalText`` through ``Console``, which cleans every interpolated value itself.
enum TextSanitizer {
    static func clean(_ text: String) -> String { Sanitizer.clean(text) }
}
