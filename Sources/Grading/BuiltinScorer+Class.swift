import Foundation

extension BuiltinScorer {
    /// Grading from stored profiles is cheap: measure and score on every core.
    public var concurrency: Int { Parallel.cores }

    /// The class's profiles: from the evidence of an earlier built-in assessment where a member carries one (no
    /// decode), else by decoding and measuring its file, on all cores. Unreadable files are listed in
    /// ``ClassContext/unreadable`` and left out.
    public func classContext(for members: [ClassMember], progress: (Int, Int) -> Void) async throws -> ClassContext {
        var profiles: [ArtworkProfile] = []
        var toMeasure: [ClassMember] = []
        for member in members {
            if let stored = member.stored,
                let profile = ArtworkProfile(
                    id: member.id, evidence: stored.evidence, description: member.description,
                    scorerID: stored.scorerID, scorerVersion: stored.scorerVersion)
            {
                profiles.append(profile)
            } else {
                toMeasure.append(member)
            }
        }
        var unreadable: [String: String] = [:]
        guard !toMeasure.isEmpty else { return ClassContext(profiles: profiles) }
        progress(0, toMeasure.count)
        var done = 0
        try await Parallel.forEach(toMeasure) { member -> Result<ArtworkProfile, ClassGrader.Failure> in
            do {
                return .success(
                    try ArtworkLoader.profile(
                        id: member.id, contentsOf: URL(fileURLWithPath: member.path), description: member.description))
            } catch {
                return .failure(ClassGrader.Failure(message: String(describing: error)))
            }
        } completed: { index, result in
            switch result {
            case .success(let profile): profiles.append(profile)
            case .failure(let error): unreadable[toMeasure[index].id] = error.message
            }
            done += 1
            progress(done, toMeasure.count)
        }
        return ClassContext(profiles: profiles, unreadable: unreadable)
    }

    /// Only when the context has no profile of the artwork.
    public func needsImage(id: String, context: ClassContext) -> Bool { context.profile(id: id) == nil }
}
