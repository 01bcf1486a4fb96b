import Foundation
import GRDB

extension Store {
    /// The grade of every artwork of a class, in review order (see ``Store/artworks(classID:)``).
    public func results(classID: Int64) throws -> [ArtworkResult] {
        let (artworks, students, assessments, reviews) = try read { db in
            let artworks = try Artwork.filter(Column("class_id") == classID).fetchAll(db)
            let students = try StudentRecord.filter(Column("class_id") == classID).fetchAll(db)
            let assessments = try Store.latestAssessments(db, classID: classID)
            let reviews = try Review.fetchAll(
                db, sql: "SELECT r.* FROM review r JOIN artwork a ON a.id = r.artwork_id WHERE a.class_id = ?",
                arguments: [classID])
            return (artworks, students, assessments, reviews)
        }
        let names = Dictionary(students.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let externalIDs = Dictionary(students.map { ($0.id, $0.externalID) }, uniquingKeysWith: { a, _ in a })
        let reviewByArtwork = Dictionary(reviews.map { ($0.artworkID, $0) }, uniquingKeysWith: { a, _ in a })
        return Store.ordered(artworks).map { artwork in
            ArtworkResult(
                artwork: artwork, studentName: artwork.studentID.flatMap { names[$0] },
                latestAssessment: assessments[artwork.id], review: reviewByArtwork[artwork.id],
                studentExternalID: artwork.studentID.flatMap { externalIDs[$0] ?? nil })
        }
    }

    /// The grade of one artwork.
    public func result(artworkID: Int64) throws -> ArtworkResult {
        guard let artwork = try artwork(id: artworkID) else { throw StoreError.unknownArtwork(artworkID) }
        return ArtworkResult(
            artwork: artwork, studentName: try studentName(artworkID: artworkID),
            latestAssessment: try latestAssessment(artworkID: artworkID), review: try review(artworkID: artworkID))
    }
}
