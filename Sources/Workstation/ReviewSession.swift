import Foundation
import Rubric
import Store
import TUI
import TerminalGraphics

/// The review session's state and key handling, without a terminal.
///
/// Every accept, edit and undo goes through the ``Store`` in one transaction before the message
/// confirming it is set, so what the screen confirms is already on disk. The session starts at the
/// first unreviewed artwork.
public struct ReviewSession {
    /// The database.
    public let store: Store
    /// The class under review.
    public let classRecord: ClassRecord
    /// The scorer's name for the header.
    public var scorerName: String
    /// How pictures are drawn.
    public var graphics: GraphicsMode
    /// Every artwork of the class with its latest assessment and review, in review order.
    public private(set) var results: [ArtworkResult] = []
    /// Indices into ``results`` that the filter shows.
    public private(set) var visible: [Int] = []
    /// The artwork on screen.
    public private(set) var currentID: Int64?
    /// The filter.
    public internal(set) var filter: ReviewFilter = .all
    /// The keyboard mode.
    public internal(set) var mode: ReviewMode = .browsing
    /// The message line.
    public var message: StatusMessage?
    /// The first critique line shown.
    public internal(set) var critiqueScroll = 0
    /// Background grading progress.
    public var grading: GradingProgress?
    /// Artworks the background scorer is working on.
    public var inProgress: Set<Int64> = []
    /// Grading failures by artwork.
    public var failures: [Int64: String] = [:]
    /// Why the current picture cannot be shown.
    public var pictureNote: String?
    /// A question on screen before a key that would destroy work acts; it takes every key until answered.
    public internal(set) var confirmation: PendingConfirmation?
    /// The overview, compare, rubric card or find prompt on top of the review (see ReviewSession+Overview).
    public internal(set) var view: TeacherView = .review
    /// Whether `a` also moves on to the next unreviewed artwork (`[review] accept_moves_on`).
    public var acceptMovesOn = false
    /// Tiles per row of the overview, for ↑/↓.
    var overviewPerRow = 4

    /// Opens a session on a class, positioned at its first unreviewed artwork.
    /// - Throws: ``StoreError`` from the database.
    public init(store: Store, classRecord: ClassRecord, scorerName: String, graphics: GraphicsMode) throws {
        self.store = store
        self.classRecord = classRecord
        self.scorerName = scorerName
        self.graphics = graphics
        try reload()
        currentID =
            visible.map { results[$0] }.first { $0.status == .unreviewed }?.artwork.id
            ?? visible.first.map { results[$0].artwork.id }
    }

    /// Reads the class again from the database (after a change or a new assessment).
    public mutating func reload() throws {
        results = try store.results(classID: classRecord.id)
        applyFilter()
    }

    mutating func applyFilter() {
        visible = results.indices.filter { filter.matches(results[$0]) || results[$0].artwork.id == currentID }
        if let id = currentID, !visible.contains(where: { results[$0].artwork.id == id }) {
            currentID = visible.first.map { results[$0].artwork.id }
        }
        if currentID == nil { currentID = visible.first.map { results[$0].artwork.id } }
    }

    /// The current artwork's position in ``visible``.
    public var position: Int? { visible.firstIndex { results[$0].artwork.id == currentID } }

    /// The current artwork.
    public var current: ArtworkResult? { position.map { results[visible[$0]] } }

    /// The artworks next to the current one (previous, next), for prefetching pictures.
    public var neighbours: [ArtworkResult] {
        guard let p = position else { return [] }
        return [p + 1, p - 1].filter { visible.indices.contains($0) }.map { results[visible[$0]] }
    }

    /// Reviewed artworks in the class.
    public var reviewedCount: Int { results.filter { $0.status != .unreviewed }.count }

    mutating func move(to index: Int) {
        guard !visible.isEmpty else { return }
        let clamped = min(max(0, index), visible.count - 1)
        let id = results[visible[clamped]].artwork.id
        if id != currentID {
            currentID = id
            critiqueScroll = 0
            pictureNote = nil
            // Leaving an artwork drops those that no longer match the filter.
            visible = results.indices.filter { filter.matches(results[$0]) || results[$0].artwork.id == id }
        }
    }

    /// Fits the critique editor to the screen, so that ↑/↓ move by the lines the teacher sees.
    public mutating func fit(_ layout: ReviewLayout) {
        if let critique = current?.finalCritique {
            let lines = TextWrap.wrap(SafeText.clean(critique, keepNewlines: true), width: layout.critiqueWidth).count
            critiqueScroll = min(critiqueScroll, max(0, lines - layout.minimumCritiqueHeight))
        }
        guard case .editingCritique(var editor) = mode else { return }
        editor.width = layout.critiqueWidth
        editor.keepCursorVisible(height: layout.minimumCritiqueHeight)
        mode = .editingCritique(editor)
    }

    /// Handles one key and says what the loop must do next.
    public mutating func handle(_ key: Key) -> SessionEffect {
        if confirmation != nil { return answerConfirmation(key) }
        if let effect = handleTeacherKey(key) { return effect }
        switch mode {
        case .browsing: return browse(key)
        case .help:
            mode = .browsing
            return .redraw
        case .filtering(var line):
            switch key {
            case .escape: mode = .browsing
            case .enter:
                filter = ReviewFilter(parsing: line.text)
                mode = .browsing
                let keep = currentID
                visible = results.indices.filter { filter.matches(results[$0]) }
                currentID = visible.contains { results[$0].artwork.id == keep } ? keep : nil
                applyFilter()
                critiqueScroll = 0
                message = StatusMessage("filter: \(filter) (\(visible.count) artworks)")
            default:
                line.handle(key)
                mode = .filtering(line)
            }
            return .none
        case .editingScores(var editor):
            switch key {
            case .escape:
                requestLeaveScores(editor)
            case .enter, .control("s"):
                guard let scores = editor.scores else {
                    message = StatusMessage("every score needs a value 0–20 before saving", isError: true)
                    return .none
                }
                save(scores: scores, critique: critique(following: scores), what: "scores")
                if message?.isError == false { mode = .browsing }
            default:
                editor.handle(key)
                mode = .editingScores(editor)
            }
            return .none
        case .editingCritique(var editor):
            switch key {
            case .escape:
                requestLeaveCritique(editor)
            case .control("s"):
                saveCritique(editor.text)
                if message?.isError == false { mode = .browsing }
            default:
                editor.handle(key)
                mode = .editingCritique(editor)
            }
            return .none
        }
    }

    mutating func browse(_ key: Key) -> SessionEffect {
        message = nil
        let p = position ?? 0
        switch key {
        case .character("j"), .down: move(to: p + 1)
        case .character("k"), .up: move(to: p - 1)
        case .character("g"), .home: move(to: 0)
        case .character("G"), .end: move(to: visible.count - 1)
        case .character("n"): nextUnreviewed()
        case .character("a"): requestAccept()
        case .character("e"):
            guard let current else { return .none }
            var editor = ScoreEditor(scores: current.finalScores)
            editor.focus(on: .originality)
            mode = .editingScores(editor)
        case .character("c"):
            guard let current else { return .none }
            mode = .editingCritique(TextEditor(text: current.finalCritique))
        case .character("C"):
            guard let current else { return .none }
            return .externalEdit(current.finalCritique)
        case .character("w"): rewriteCritiqueFromScores()
        case .character("u"): undo()
        case .character("x"): askRemoval()
        case .character("U"), .control("r"): redo()
        case .character("r"):
            guard let current else { return .none }
            message = StatusMessage("regrading \(name(current)) in the background")
            return .regrade(current.artwork.id)
        case .character("/"): mode = .filtering(LineEditor())
        case .character("?"), .f1:
            mode = .help
            return .redraw
        case .pageDown: critiqueScroll += 5
        case .pageUp: critiqueScroll = max(0, critiqueScroll - 5)
        case .control("l"), .resize: return .redraw
        case .character("q"), .control("c"): return .quit
        default: break
        }
        return .none
    }

    mutating func nextUnreviewed() {
        guard let p = position else { return }
        let order = Array(visible[(p + 1)...]) + Array(visible[...p])
        guard let next = order.first(where: { results[$0].status == .unreviewed }) else {
            message = StatusMessage("every artwork in this list is reviewed")
            return
        }
        move(to: visible.firstIndex(of: next) ?? p)
    }

    func name(_ result: ArtworkResult) -> String {
        result.studentName ?? result.artwork.fileName
    }
}
