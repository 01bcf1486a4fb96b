/// A benchmark that could not run (a missing photo, an unwritable output): one line, shown as `Error: …`.
public struct BenchError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
