import Foundation
import GRDB

extension Store {
    /// Checks that the audit log explains every review: per artwork, each review action (accept, edit, undo,
    /// redo) starts from the state the previous one left, each undo names the change then on top of the undo
    /// stack and each redo the undo on top of the redo stack, and the last state is the review in the table
    /// (no review row where it ends with none). A review row with no audit entry is a problem too.
    ///
    /// Review times are compared to 2 ms: the audit JSON and the `reviewed_at` column round differently.
    /// - Returns: one line per problem, naming the artwork and audit entry ids (never their content).
    public func auditProblems() throws -> [String] {
        try read { db in
            var problems: [String] = []
            var reviews: [Int64: Review] = [:]
            for review in try Store.records(
                db, Review.self, table: "review", key: "artwork_id", sql: "SELECT * FROM review")
            {
                reviews[review.artworkID] = review
            }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, artwork_id, action, before, after, undoes FROM audit
                    WHERE action IN ('accept', 'edit', 'undo', 'redo') ORDER BY artwork_id, id
                    """)
            var byArtwork: [Int64: [Row]] = [:]
            for row in rows {
                guard let artwork = (try? row.decode(Int64?.self, forColumn: "artwork_id")) ?? nil else { continue }
                byArtwork[artwork, default: []].append(row)
            }
            for (artwork, _) in reviews where byArtwork[artwork] == nil {
                problems.append("artwork \(artwork): a review with no audit entry")
            }
            for (artwork, entries) in byArtwork.sorted(by: { $0.key < $1.key }) {
                problems += Self.replayProblems(artwork: artwork, entries: entries, current: reviews[artwork])
            }
            return problems
        }
    }

    static func replayProblems(artwork: Int64, entries: [Row], current: Review?) -> [String] {
        var problems: [String] = []
        var state: Review?
        var undoable: [Int64] = []
        var redoable: [Int64] = []
        for row in entries {
            // Values of the wrong type (a damaged file) are reported, never trapped on.
            let id = ((try? row.decode(Int64?.self, forColumn: "id")) ?? nil) ?? 0
            let action = ((try? row.decode(String?.self, forColumn: "action")) ?? nil) ?? "?"
            let undoes = (try? row.decode(Int64?.self, forColumn: "undoes")) ?? nil
            let before: Review?
            let after: Review?
            do {
                before = try row.decode(String?.self, forColumn: "before").map(Review.from(json:))
                after = try row.decode(String?.self, forColumn: "after").map(Review.from(json:))
            } catch {
                problems.append("artwork \(artwork): audit entry \(id) cannot be decoded")
                continue
            }
            if !same(before, state) {
                problems.append("artwork \(artwork): audit entry \(id) (\(action)) does not start where the last ended")
            }
            switch action {
            case "accept", "edit":
                if after == nil {
                    problems.append("artwork \(artwork): audit entry \(id) (\(action)) leaves no review")
                }
                undoable.append(id)
                redoable.removeAll()
            case "undo":
                if undoes == nil || undoes != undoable.last {
                    problems.append("artwork \(artwork): undo \(id) does not undo the newest change in force")
                }
                undoable.removeAll { $0 == undoes }
                redoable.append(id)
            default:  // redo
                if undoes == nil || undoes != redoable.last {
                    problems.append("artwork \(artwork): redo \(id) does not revert the newest undo")
                }
                redoable.removeAll { $0 == undoes }
                undoable.append(id)
            }
            state = after
        }
        if !same(state, current) {
            problems.append("artwork \(artwork): the review table differs from where the audit log ends")
        }
        return problems
    }

    /// Two review states are the same (times to 2 ms).
    static func same(_ a: Review?, _ b: Review?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let a?, let b?):
            return a.artworkID == b.artworkID && a.assessmentID == b.assessmentID && a.scores == b.scores
                && a.critique == b.critique && a.status == b.status
                && abs(a.reviewedAt.timeIntervalSince(b.reviewedAt)) <= 0.002
        default: return false
        }
    }
}
