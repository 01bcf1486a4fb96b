import Foundation
import Store

/// Which artworks the review list shows.
public enum ReviewFilter: Sendable, Hashable, CustomStringConvertible {
    /// Every artwork.
    case all
    /// Artworks the teacher has not reviewed.
    case unreviewed
    /// Artworks the teacher changed.
    case edited
    /// Artworks whose student's name contains the text (case- and accent-insensitive).
    case student(String)

    /// Parses what the teacher typed at the `/` prompt: `all` (or nothing), `unreviewed`, `edited`,
    /// else part of a student's name.
    public init(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "", "all": self = .all
        case "unreviewed", "u": self = .unreviewed
        case "edited", "e": self = .edited
        default: self = .student(trimmed)
        }
    }

    /// True when `result` belongs in the list.
    public func matches(_ result: ArtworkResult) -> Bool {
        switch self {
        case .all: true
        case .unreviewed: result.status == .unreviewed
        case .edited: result.status == .edited
        case .student(let part):
            (result.studentName ?? "").range(of: part, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }
    }

    /// The filter in the words the review screen shows.
    public var description: String {
        switch self {
        case .all: "all"
        case .unreviewed: "unreviewed"
        case .edited: "edited"
        case .student(let name): "student \(name)"
        }
    }
}
