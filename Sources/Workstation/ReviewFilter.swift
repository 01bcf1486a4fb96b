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
    /// Artworks the teacher accepted as suggested.
    case accepted
    /// Artworks whose student's name, title or description contains the text (case- and accent-insensitive).
    case student(String)

    /// Parses what the teacher typed at the `/` prompt: `all` (or nothing), `unreviewed`, `edited`, `accepted`,
    /// else part of a student's name, a title or a description.
    public init(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "", "all": self = .all
        case "unreviewed", "u": self = .unreviewed
        case "edited", "e": self = .edited
        case "accepted": self = .accepted
        default: self = .student(trimmed)
        }
    }

    /// True when `result` belongs in the list.
    public func matches(_ result: ArtworkResult) -> Bool {
        switch self {
        case .all: true
        case .unreviewed: result.status == .unreviewed
        case .edited: result.status == .edited
        case .accepted: result.status == .accepted
        case .student(let part):
            [result.studentName ?? "", result.artwork.title, result.artwork.description].contains {
                $0.range(of: part, options: [.caseInsensitive, .diacriticInsensitive]) != nil
            }
        }
    }

    /// The filter in the words the review screen shows.
    public var description: String {
        switch self {
        case .all: "all"
        case .unreviewed: "unreviewed"
        case .edited: "edited"
        case .accepted: "accepted"
        case .student(let name): "“\(name)”"
        }
    }
}
