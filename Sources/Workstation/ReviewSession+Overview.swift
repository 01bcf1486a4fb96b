import Foundation
import Rubric
import Store
import TUI

/// The teacher's views on top of the one-artwork review: the class overview (`o`), compare (`v`), the rubric card
/// (`b`) and find-a-student (`f`); plus accept-and-next (`A`).
public enum TeacherView: Sendable, Hashable {
    /// The one-artwork review.
    case review
    /// The contact sheet, in `sort` order, the cursor on artwork `cursor`.
    case overview(sort: OverviewSort, cursor: Int64?)
    /// The current artwork beside artwork `other`.
    case compare(other: Int64?)
    /// The rubric card over the review.
    case rubric
    /// Typing part of a student's name to jump to.
    case find(LineEditor)
}

extension ReviewSession {
    /// Handles the keys of the teacher's views; nil leaves the key to the review.
    mutating func handleTeacherKey(_ key: Key) -> SessionEffect? {
        switch view {
        case .review:
            guard case .browsing = mode else { return nil }
            switch key {
            case .character("o"): openOverview()
            case .character("v"): openCompare()
            case .character("A"): acceptAndNext()
            case .character("a") where acceptMovesOn: acceptAndNext()
            case .character("b"): view = .rubric
            case .character("f"):
                message = nil
                view = .find(LineEditor())
                return SessionEffect.none
            default: return nil
            }
            return .redraw
        case .overview(let sort, let cursor): return overviewKey(key, sort: sort, cursor: cursor)
        case .compare(let other): return compareKey(key, other: other)
        case .rubric:
            view = .review
            return key == .character("q") ? .quit : .redraw
        case .find(var line):
            switch key {
            case .escape:
                view = .review
                message = nil
            case .enter:
                view = .review
                jump(to: line.text)
                return .redraw
            default:
                line.handle(key)
                view = .find(line)
            }
            return SessionEffect.none
        }
    }

    /// Opens the overview with the cursor on the current artwork.
    public mutating func openOverview(sort: OverviewSort = .name) {
        view = .overview(sort: sort, cursor: currentID)
        message = nil
    }

    /// The overview's tiles in `sort` order (the whole class).
    func tiles(_ sort: OverviewSort) -> [ArtworkSummary] {
        sort.sorted(results.map(summary))
    }

    /// One artwork as the overview and compare show it (the file name when it has no title).
    func summary(_ result: ArtworkResult) -> ArtworkSummary {
        ArtworkSummary(
            id: result.artwork.id, student: name(result),
            title: result.artwork.title.isEmpty ? result.artwork.fileName : result.artwork.title,
            scores: result.finalScores, status: ReviewState(rawValue: result.status.rawValue) ?? .unreviewed)
    }

    /// What the overview shows now (nil outside the overview).
    public func overviewModel(graphics: Bool) -> OverviewModel? {
        guard case .overview(let sort, let cursor) = view else { return nil }
        let tiles = tiles(sort)
        return OverviewModel(
            className: classRecord.name, tiles: tiles, cursor: tiles.firstIndex { $0.id == cursor } ?? 0, sort: sort,
            graphics: graphics, message: message)
    }

    /// Tiles per row in the overview, for ↑/↓ (set by the app from the screen size).
    public mutating func setOverviewColumns(_ perRow: Int) { overviewPerRow = max(1, perRow) }

    mutating func overviewKey(_ key: Key, sort: OverviewSort, cursor: Int64?) -> SessionEffect {
        let tiles = tiles(sort)
        let index = tiles.firstIndex { $0.id == cursor } ?? 0
        func move(_ to: Int) {
            guard !tiles.isEmpty else { return }
            view = .overview(sort: sort, cursor: tiles[min(max(0, to), tiles.count - 1)].id)
        }
        message = nil
        switch key {
        case .right, .character("l"): move(index + 1)
        case .left, .character("h"): move(index - 1)
        case .down, .character("j"): move(index + overviewPerRow)
        case .up, .character("k"): move(index - overviewPerRow)
        case .home, .character("g"): move(0)
        case .end, .character("G"): move(tiles.count - 1)
        case .character("s"):
            view = .overview(sort: sort.next, cursor: cursor)
            message = StatusMessage("sorted by \(sort.next)")
        case .enter:
            guard let cursor else { return .none }
            view = .review
            open(cursor)
        case .character("v"):
            guard let cursor, cursor != currentID else {
                view = .compare(other: otherThanCurrent(after: true))
                return .redraw
            }
            view = .compare(other: cursor)
        case .character("f"): view = .find(LineEditor())
        case .character("o"), .escape: view = .review
        case .character("q"), .control("c"): return .quit
        case .control("l"), .resize: return .redraw
        default: return .none
        }
        return .redraw
    }

    /// Opens the compare view: the current artwork beside the next one in the list.
    mutating func openCompare() {
        view = .compare(other: otherThanCurrent(after: true))
    }

    /// The artwork after (or before) `from` in the list, skipping the current one.
    func otherThanCurrent(after: Bool, from: Int64? = nil) -> Int64? {
        let ids = visible.map { results[$0].artwork.id }
        guard ids.count > 1 else { return nil }
        let start = ids.firstIndex(of: from ?? currentID ?? ids[0]) ?? 0
        var i = start
        repeat {
            i = (i + (after ? 1 : -1) + ids.count) % ids.count
        } while ids[i] == currentID && i != start
        return ids[i] == currentID ? nil : ids[i]
    }

    mutating func compareKey(_ key: Key, other: Int64?) -> SessionEffect {
        switch key {
        case .character("j"), .down, .right: view = .compare(other: otherThanCurrent(after: true, from: other))
        case .character("k"), .up, .left: view = .compare(other: otherThanCurrent(after: false, from: other))
        case .enter:
            guard let other else { return .none }
            view = .review
            open(other)
        case .character("v"), .escape: view = .review
        case .character("o"): openOverview()
        case .character("q"), .control("c"): return .quit
        case .control("l"), .resize: return .redraw
        default: return .none
        }
        return .redraw
    }

    /// The two sides of the compare view (nil outside it).
    public var compareSides: (left: ArtworkSummary, right: ArtworkSummary?)? {
        guard case .compare(let other) = view, let current else { return nil }
        return (summary(current), other.flatMap { id in results.first { $0.artwork.id == id } }.map(summary))
    }

    /// Shows artwork `id`, clearing the filter when it hides it.
    mutating func open(_ id: Int64) {
        if !visible.contains(where: { results[$0].artwork.id == id }) {
            filter = .all
            applyFilter()
            message = StatusMessage("filter cleared to show the artwork")
        }
        if let index = visible.firstIndex(where: { results[$0].artwork.id == id }) { move(to: index) }
    }

    /// Accepts the current artwork, then moves to the next one not yet reviewed.
    mutating func acceptAndNext() {
        requestAccept()
        // Over the teacher's own edit, `a` asks first; the answer stays on this artwork.
        guard confirmation == nil, message?.isError != true else { return }
        let accepted = message
        nextUnreviewed()
        if let accepted, message?.text.hasPrefix("every artwork") != true {
            message = StatusMessage(accepted.text + " · next unreviewed")
        }
    }

    /// Jumps to the first student whose name contains `text` (accents and case ignored), after the current artwork.
    mutating func jump(to text: String) {
        let query = text.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else {
            message = nil
            return
        }
        let matches = findMatches(query)
        guard !matches.isEmpty else {
            message = StatusMessage("no student matches “\(query)”", isError: true)
            return
        }
        let ids = matches.map(\.artwork.id)
        let start = results.firstIndex { $0.artwork.id == currentID } ?? -1
        let next =
            results.indices.first { $0 > start && ids.contains(results[$0].artwork.id) }
            ?? results.indices.first { ids.contains(results[$0].artwork.id) }
        guard let next else { return }
        open(results[next].artwork.id)
        message = StatusMessage(
            "found \(name(results[next]))"
                + (matches.count > 1 ? " (\(matches.count) match; f again for the next)" : ""))
    }

    /// The artworks whose student's name contains `query`, accents and case ignored.
    public func findMatches(_ query: String) -> [ArtworkResult] {
        results.filter {
            ($0.studentName ?? $0.artwork.fileName).range(
                of: query, options: [.caseInsensitive, .diacriticInsensitive])
                != nil
        }
    }

    /// The find prompt's line ("find student: an  → 2 match: Ana Pérez, Anabel"), nil outside find.
    public var findPrompt: (text: String, cursor: Int)? {
        guard case .find(let line) = view else { return nil }
        let prefix = "find student: "
        var text = prefix + line.text
        if !line.text.isEmpty {
            let names = Array(Set(findMatches(line.text).map(name))).sorted()
            text += names.isEmpty ? "   no match" : "   → " + names.prefix(4).joined(separator: ", ")
            if names.count > 4 { text += ", …" }
        }
        return (text, DisplayWidth.of(prefix) + line.cursorColumn)
    }
}
