import Foundation
import Rubric

/// Everything known about one artwork's grade: the artwork, its student, the latest assessment and the
/// teacher's review, with the final scores (the teacher's where reviewed, else the latest assessment's).
public struct ArtworkResult: Sendable, Hashable {
    /// The artwork.
    public var artwork: Artwork
    /// The student's name, or `nil`.
    public var studentName: String?
    /// The newest assessment, or `nil` when not graded.
    public var latestAssessment: AssessmentRecord?
    /// The teacher's review, or `nil` when not reviewed.
    public var review: Review?
    /// The artwork's revision when read (see ``ReviewBase/revision``).
    public var revision: Int64
    /// The student's ID in the school's gradebook, or `nil`.
    public var studentExternalID: String?

    /// Creates a result.
    public init(
        artwork: Artwork, studentName: String?, latestAssessment: AssessmentRecord?, review: Review?,
        revision: Int64 = 0, studentExternalID: String? = nil
    ) {
        self.studentExternalID = studentExternalID
        self.artwork = artwork
        self.studentName = studentName
        self.latestAssessment = latestAssessment
        self.review = review
        self.revision = revision
    }

    /// The base a review action on what this result shows must name.
    public var base: ReviewBase {
        ReviewBase(artworkID: artwork.id, assessmentID: latestAssessment?.id, revision: revision)
    }

    /// Unreviewed, accepted or edited.
    public var status: ReviewStatus { review?.status ?? .unreviewed }

    /// The teacher's scores where reviewed, else the latest assessment's, else `nil`.
    public var finalScores: Scores? { review?.scores ?? latestAssessment?.assessment.scores }

    /// The teacher's critique where reviewed, else the latest assessment's, else empty.
    public var finalCritique: String { review?.critique ?? latestAssessment?.assessment.critique ?? "" }

    /// The scorer of the latest assessment as `id version` ("builtin 1.0"), or empty.
    public var scorer: String {
        guard let assessment = latestAssessment?.assessment else { return "" }
        return assessment.scorerVersion.isEmpty
            ? assessment.scorerID : "\(assessment.scorerID) \(assessment.scorerVersion)"
    }
}
