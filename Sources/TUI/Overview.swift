import Foundation
import Rubric

/// One artwork as the overview's contact sheet and the compare view show it.
public struct ArtworkSummary: Sendable, Hashable {
    /// The artwork's id (the picture's key).
    public var id: Int64
    /// The student's name (or the file name).
    public var student: String
    /// The title (the file name when it has none).
    public var title: String
    /// The final scores (the teacher's where reviewed), nil when not graded.
    public var scores: Scores?
    /// Where the artwork stands with the teacher.
    public var status: ReviewState

    /// Creates a summary.
    public init(id: Int64, student: String, title: String, scores: Scores?, status: ReviewState) {
        self.id = id
        self.student = student
        self.title = title
        self.scores = scores
        self.status = status
    }

    /// The status as a glyph (never colour alone): ✓ accepted, ✎ edited, · not reviewed.
    public var glyph: String {
        switch status {
        case .accepted: "✓"
        case .edited: "✎"
        case .unreviewed: "·"
        }
    }
}

/// The orders of the contact sheet (`s` steps through them).
public enum OverviewSort: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case name, total, originality, color, texture, composition, content, status

    /// The next order after this one.
    public var next: OverviewSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    public var description: String {
        switch self {
        case .name: "name"
        case .total: "total"
        case .status: "status"
        case .originality: "originality"
        case .color: "color"
        case .texture: "texture"
        case .composition: "composition"
        case .content: "content"
        }
    }

    /// `tiles` in this order: names A→Z (accents and case ignored), scores high→low with ungraded last,
    /// status unreviewed → edited → accepted; ties by name.
    public func sorted(_ tiles: [ArtworkSummary]) -> [ArtworkSummary] {
        func byName(_ a: ArtworkSummary, _ b: ArtworkSummary) -> Bool {
            let order = a.student.compare(b.student, options: [.caseInsensitive, .diacriticInsensitive, .numeric])
            return order == .orderedSame ? a.id < b.id : order == .orderedAscending
        }
        func value(_ tile: ArtworkSummary) -> Int? {
            switch self {
            case .name: nil
            case .total: tile.scores?.total
            case .status: [ReviewState.unreviewed: 0, .edited: 1, .accepted: 2][tile.status]
            case .originality: tile.scores?.originality
            case .color: tile.scores?.color
            case .texture: tile.scores?.texture
            case .composition: tile.scores?.composition
            case .content: tile.scores?.content
            }
        }
        if self == .name { return tiles.sorted(by: byName) }
        return tiles.sorted { a, b in
            switch (value(a), value(b)) {
            case (let x?, let y?) where x != y: self == .status ? x < y : x > y
            case (.some, nil): true
            case (nil, .some): false
            default: byName(a, b)
            }
        }
    }
}

/// The class at a glance: the contact sheet in its order, the cursor, and the class's distribution.
public struct OverviewModel: Sendable, Hashable {
    /// The class name.
    public var className: String
    /// The tiles in display order.
    public var tiles: [ArtworkSummary]
    /// The index of the tile under the cursor.
    public var cursor: Int
    /// The order.
    public var sort: OverviewSort
    /// How pictures are drawn (`.none`: no thumbnails).
    public var graphics: Bool
    /// The message line.
    public var message: StatusMessage?

    /// Creates a model.
    public init(
        className: String, tiles: [ArtworkSummary], cursor: Int = 0, sort: OverviewSort = .name, graphics: Bool = true,
        message: StatusMessage? = nil
    ) {
        self.className = className
        self.tiles = tiles
        self.cursor = cursor
        self.sort = sort
        self.graphics = graphics
        self.message = message
    }

    /// How many final totals fall in each ten-point bin (0–9 … 90–100).
    public var histogram: [Int] {
        var bins = [Int](repeating: 0, count: 10)
        for tile in tiles { if let total = tile.scores?.total { bins[min(9, total / 10)] += 1 } }
        return bins
    }

    /// The mean final score of each dimension over the graded tiles (nil when none is graded).
    public var means: [Rubric.Dimension: Double]? {
        let scored = tiles.compactMap(\.scores)
        guard !scored.isEmpty else { return nil }
        var out: [Rubric.Dimension: Double] = [:]
        for dimension in Rubric.Dimension.allCases {
            out[dimension] = Double(scored.map { $0[dimension] }.reduce(0, +)) / Double(scored.count)
        }
        return out
    }
}

/// What the overview renderer produced: the text, and where each visible thumbnail goes.
public struct OverviewFrame: Sendable, Hashable {
    /// The text cells (thumbnail boxes are invisible cells).
    public var grid: ScreenGrid
    /// The thumbnail box of each visible tile, by artwork id, in display order.
    public var pictures: [Picture]

    /// One thumbnail's place.
    public struct Picture: Sendable, Hashable {
        /// The artwork.
        public var id: Int64
        /// Its box in cells.
        public var box: Rect
    }
}
