/// A class with how far its work has come.
public struct ClassSummary: Sendable, Hashable {
    /// The class.
    public var record: ClassRecord
    /// How many artworks it has, how many are graded and reviewed.
    public var counts: StatusCounts
}

/// The progress of a class: imported, graded, reviewed (accepted / edited), remaining.
public struct StatusCounts: Sendable, Hashable, Codable {
    /// Artworks in the class.
    public var imported: Int
    /// Artworks with at least one assessment.
    public var graded: Int
    /// Artworks whose review accepted the assessment as it was.
    public var accepted: Int
    /// Artworks whose review changed the scores or the critique.
    public var edited: Int

    /// Artworks with a review.
    public var reviewed: Int { accepted + edited }
    /// Artworks still waiting for a review.
    public var remaining: Int { imported - reviewed }

    /// Creates counts.
    public init(imported: Int, graded: Int, accepted: Int, edited: Int) {
        self.imported = imported
        self.graded = graded
        self.accepted = accepted
        self.edited = edited
    }
}
