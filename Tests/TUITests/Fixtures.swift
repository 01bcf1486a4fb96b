import Rubric
import TUI
import TerminalGraphics

/// Screen models used by the rendering tests.
enum Fixtures {
    static let model = Scores(clamping: [14, 12, 9, 16, 11])

    static func item(
        student: String = "Ana Pérez", title: String = "Garlic", description: String = "A garlic bulb in pencil.",
        status: ReviewState = .unreviewed, teacher: Scores? = nil, critique: String? = nil
    ) -> ArtworkItem {
        ArtworkItem(
            student: student, title: title, description: description,
            facts: ["garlic.jpg", "JPEG 4032×3024", "2.4 MB"], grade: .graded, modelScores: model,
            modelCritique: "The composition is strong: the bulb sits off centre and the shadow leads the eye.",
            scorerLabel: "builtin 1.0", teacherScores: teacher, teacherCritique: critique, status: status)
    }

    static func screen(_ item: ArtworkItem?, graphics: GraphicsMode = .trueColorBlocks) -> ReviewScreenModel {
        ReviewScreenModel(
            className: "7B Art", position: 3, count: 12, reviewed: 2, classSize: 12, scorerName: "builtin",
            grading: GradingProgress(done: 5, total: 12, perMinute: 2.5, secondsLeft: 168, running: true),
            item: item, graphics: graphics)
    }
}
