/// A command that could not do its work (as opposed to a mistake in its options): shown as one line
/// `Error: …` with exit status 1, without the usage text that ArgumentParser adds to a `ValidationError`.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
