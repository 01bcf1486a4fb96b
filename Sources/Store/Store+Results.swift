import Foundation
import GRDB

extension Store {
    /// The grade of every artwork of a class, in review order (see ``Store/artworks(classID:)``).
    public func results(classID: Int64) throws -> [ArtworkResult] {
        let (artworks, students, assessments, reviews) = try read { db in
            let artworks = try Store.visibleArtworks(db, classID: classID)
            let students = try Store.records(
                db, StudentRecord.self, table: "student", sql: "SELECT * FROM student WHERE class_id = ?",
                arguments: [classID])
            let assessments = try Store.latestAssessments(db, classID: classID)
            let reviews = try Store.records(
                db, Review.self, table: "review", key: "artwork_id",
                sql: "SELECT r.* FROM review r JOIN artwork a ON a.id = r.artwork_id WHERE a.class_id = ?",
                arguments: [classID])
            return (artworks, students, assessments, (reviews, try Store.revisions(db, classID: classID)))
        }
        let (reviewList, revisions) = reviews
        let names = Dictionary(students.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let externalIDs = Dictionary(students.map { ($0.id, $0.externalID) }, uniquingKeysWith: { a, _ in a })
        let reviewByArtwork = Dictionary(reviewList.map { ($0.artworkID, $0) }, uniquingKeysWith: { a, _ in a })
        return Store.ordered(artworks).map { artwork in
            ArtworkResult(
                artwork: artwork, studentName: artwork.studentID.flatMap { names[$0] },
                latestAssessment: assessments[artwork.id], review: reviewByArtwork[artwork.id],
                revision: revisions[artwork.id] ?? 0,
                studentExternalID: artwork.studentID.flatMap { externalIDs[$0] ?? nil })
        }
    }

    /// The grade of one artwork, read in one snapshot.
    public func result(artworkID: Int64) throws -> ArtworkResult {
        try read { db in
            guard
                let artwork = try Store.records(
                    db, Artwork.self, table: "artwork", sql: "SELECT * FROM artwork WHERE id = ?",
                    arguments: [artworkID]
                ).first
            else { throw StoreError.unknownArtwork(artworkID) }
            return ArtworkResult(
                artwork: artwork, studentName: try Store.studentName(db, artworkID: artworkID),
                latestAssessment: try Store.latestAssessment(db, artworkID: artworkID),
                review: try Store.review(db, artworkID: artworkID),
                revision: try Store.revision(db, artworkID: artworkID))
        }
    }
}
