import Foundation
import Rubric
import TerminalGraphics

/// Where an artwork stands with the teacher.
public enum ReviewState: String, Sendable, Hashable {
    /// The teacher has not reviewed it yet.
    case unreviewed
    /// The teacher accepted the scorer's scores and critique as they were.
    case accepted
    /// The teacher changed scores or critique.
    case edited
}

/// Where an artwork stands with the scorer.
public enum GradeState: Sendable, Hashable {
    /// No assessment exists yet; the text says why ("waiting for the scorer", "no scorer configured").
    case notGraded(String)
    /// The background scorer is working on it now.
    case grading
    /// The scorer failed; the text is its one-line error.
    case failed(String)
    /// An assessment exists.
    case graded
}

/// Progress of background grading, for the header.
public struct GradingProgress: Sendable, Hashable {
    /// Artworks graded so far (including those graded before this session).
    public var done: Int
    /// Artworks in the class.
    public var total: Int
    /// Artworks per minute in this session, once measurable.
    public var perMinute: Double?
    /// Estimated seconds left, once measurable.
    public var secondsLeft: Double?
    /// Failures in this session.
    public var failed: Int
    /// True while the worker runs.
    public var running: Bool
    /// What the worker is doing when it is not scoring ("measuring the class 5/12").
    public var note: String?

    /// Creates progress.
    public init(
        done: Int, total: Int, perMinute: Double? = nil, secondsLeft: Double? = nil, failed: Int = 0, running: Bool,
        note: String? = nil
    ) {
        self.note = note
        self.done = done
        self.total = total
        self.perMinute = perMinute
        self.secondsLeft = secondsLeft
        self.failed = failed
        self.running = running
    }

    /// "graded 5/12 · 2.1/min · ~3m left" (or "graded 12/12").
    public var summary: String {
        var parts = ["graded \(done)/\(total)"]
        if running, let perMinute { parts.append(String(format: "%.1f/min", perMinute)) }
        if running, let secondsLeft { parts.append("~\(Self.duration(secondsLeft)) left") }
        if let note, running { parts.append(note) } else if running && perMinute == nil { parts.append("grading…") }
        if failed > 0 { parts.append("\(failed) failed") }
        return parts.joined(separator: " · ")
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        return "\(s / 3600)h\(s % 3600 / 60)m"
    }
}

/// What the screen shows about the current artwork.
public struct ArtworkItem: Sendable, Hashable {
    /// The student's name.
    public var student: String
    /// The artwork's title.
    public var title: String
    /// The student's description of the work.
    public var description: String
    /// Facts about the file, one per line ("garlic.jpg", "JPEG 4032×3024", "2.4 MB").
    public var facts: [String]
    /// The scorer's state for this artwork.
    public var grade: GradeState
    /// The scorer's scores (nil until graded).
    public var modelScores: Scores?
    /// The scorer's critique (nil until graded).
    public var modelCritique: String?
    /// Who scored ("builtin 1.0").
    public var scorerLabel: String
    /// The teacher's scores when reviewed.
    public var teacherScores: Scores?
    /// The teacher's critique when reviewed.
    public var teacherCritique: String?
    /// The review status.
    public var status: ReviewState

    /// Creates an item.
    public init(
        student: String, title: String, description: String, facts: [String], grade: GradeState,
        modelScores: Scores? = nil, modelCritique: String? = nil, scorerLabel: String = "",
        teacherScores: Scores? = nil, teacherCritique: String? = nil, status: ReviewState = .unreviewed
    ) {
        self.student = student
        self.title = title
        self.description = description
        self.facts = facts
        self.grade = grade
        self.modelScores = modelScores
        self.modelCritique = modelCritique
        self.scorerLabel = scorerLabel
        self.teacherScores = teacherScores
        self.teacherCritique = teacherCritique
        self.status = status
    }

    /// The scores to show: the teacher's when reviewed, else the scorer's.
    public var shownScores: Scores? { teacherScores ?? modelScores }
    /// The critique to show: the teacher's when reviewed, else the scorer's.
    public var shownCritique: String? { teacherCritique ?? modelCritique }
}

/// What the keyboard is doing right now.
public enum ReviewMode: Sendable, Hashable {
    /// Moving between artworks.
    case browsing
    /// Editing the five scores.
    case editingScores(ScoreEditor)
    /// Editing the critique.
    case editingCritique(TextEditor)
    /// Typing a filter.
    case filtering(LineEditor)
    /// The help overlay is open.
    case help
}

/// A one-line message under the panes.
public struct StatusMessage: Sendable, Hashable {
    /// The text.
    public var text: String
    /// True for refusals and failures.
    public var isError: Bool

    /// Creates a message.
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// Everything the review screen shows; the renderer turns it into a ``ScreenGrid``.
public struct ReviewScreenModel: Sendable, Hashable {
    /// The class name.
    public var className: String
    /// The 1-based position of the current artwork in the filtered list (0 when empty).
    public var position: Int
    /// The number of artworks in the filtered list.
    public var count: Int
    /// Reviewed artworks in the class.
    public var reviewed: Int
    /// Artworks in the class.
    public var classSize: Int
    /// The scorer's name for the header.
    public var scorerName: String
    /// Background grading progress, if a scorer runs.
    public var grading: GradingProgress?
    /// The filter's description ("all", "unreviewed", "student ana").
    public var filter: String
    /// The current artwork, nil when the list is empty.
    public var item: ArtworkItem?
    /// The keyboard mode.
    public var mode: ReviewMode
    /// The message line.
    public var message: StatusMessage?
    /// The first critique line shown.
    public var critiqueScroll: Int
    /// How pictures are drawn.
    public var graphics: GraphicsMode
    /// Why the current picture cannot be shown (drawn in its box instead of the picture).
    public var pictureNote: String?
    /// A question waiting for an answer before a key that would destroy work acts (on the message line).
    public var prompt: ConfirmationPrompt?

    /// Creates a model.
    public init(
        className: String, position: Int = 0, count: Int = 0, reviewed: Int = 0, classSize: Int = 0,
        scorerName: String = "", grading: GradingProgress? = nil, filter: String = "all", item: ArtworkItem? = nil,
        mode: ReviewMode = .browsing, message: StatusMessage? = nil, critiqueScroll: Int = 0,
        graphics: GraphicsMode = .none, pictureNote: String? = nil, prompt: ConfirmationPrompt? = nil
    ) {
        self.prompt = prompt
        self.className = className
        self.position = position
        self.count = count
        self.reviewed = reviewed
        self.classSize = classSize
        self.scorerName = scorerName
        self.grading = grading
        self.filter = filter
        self.item = item
        self.mode = mode
        self.message = message
        self.critiqueScroll = critiqueScroll
        self.graphics = graphics
        self.pictureNote = pictureNote
    }
}
