import Foundation
import Grading
import Store

/// Builds the built-in scorer's profiles of a class's artworks: from the
/// evidence of an earlier built-in assessment where one exists (no decode),
/// else by decoding and measuring the image file, on all cores.
enum ClassProfiles {
    /// Profiles by artwork id, and the artworks whose files could not be read (`file: reason`).
    struct Result {
        var profiles: [Int64: ArtworkProfile]
        var failures: [(Artwork, String)]
    }

    /// - Parameters:
    ///   - artworks: the class's artworks.
    ///   - latest: each artwork's newest assessment.
    ///   - remeasure: artworks that must be measured afresh even when their evidence could be reused.
    static func build(
        _ artworks: [Artwork], latest: [Int64: AssessmentRecord], remeasure: Set<Int64> = [],
        label: String = "measuring"
    ) async throws -> Result {
        var profiles: [Int64: ArtworkProfile] = [:]
        var toMeasure: [Artwork] = []
        for artwork in artworks {
            if !remeasure.contains(artwork.id), let record = latest[artwork.id],
                let profile = ArtworkProfile(
                    id: artwork.sha256, evidence: record.assessment.evidence, description: artwork.description,
                    scorerID: record.assessment.scorerID, scorerVersion: record.assessment.scorerVersion)
            {
                profiles[artwork.id] = profile
            } else {
                toMeasure.append(artwork)
            }
        }
        var failures: [(Artwork, String)] = []
        guard !toMeasure.isEmpty else { return Result(profiles: profiles, failures: failures) }
        let progress = ProgressReporter(label: label, total: toMeasure.count)
        try await Parallel.forEach(toMeasure) { artwork -> Swift.Result<ArtworkProfile, GradingFailure> in
            do {
                return .success(
                    try ArtworkLoader.profile(
                        id: artwork.sha256, data: ArtworkFile.contents(of: artwork), description: artwork.description))
            } catch {
                return .failure(GradingFailure(message: String(describing: error)))
            }
        } completed: { index, result in
            switch result {
            case .success(let profile): profiles[toMeasure[index].id] = profile
            case .failure(let failure): failures.append((toMeasure[index], failure.message))
            }
            progress.advance()
        }
        progress.finish()
        return Result(profiles: profiles, failures: failures)
    }
}

/// A per-artwork failure carried through a parallel run without stopping it.
struct GradingFailure: Error, Sendable {
    var message: String
}
