/// Finds special tokens (control and user-defined tokens such as `<|im_start|>`) in text. At each position
/// the longest special token that matches wins; text between matches goes through the normal path.
struct SpecialTokenMatcher: Sendable {
    /// Candidates by first scalar, longest first.
    private var candidates: [UInt32: [(scalars: [Unicode.Scalar], id: Int32)]] = [:]

    /// A matcher for the given token texts and ids.
    init(_ tokens: [(text: String, id: Int32)]) {
        for token in tokens {
            let scalars = Array(token.text.unicodeScalars)
            guard let first = scalars.first else { continue }
            candidates[first.value, default: []].append((scalars, token.id))
        }
        for key in candidates.keys {
            candidates[key]!.sort { $0.scalars.count > $1.scalars.count }
        }
    }

    /// Whether there are no special tokens.
    var isEmpty: Bool { candidates.isEmpty }

    /// Splits `scalars` into runs of plain text and special-token ids, in order.
    func split(_ scalars: [Unicode.Scalar]) -> [Segment] {
        var segments: [Segment] = []
        var plainStart = 0
        var i = 0
        while i < scalars.count {
            if let list = candidates[scalars[i].value], let match = longestMatch(list, in: scalars, at: i) {
                if plainStart < i { segments.append(.text(plainStart..<i)) }
                segments.append(.special(match.id))
                i += match.length
                plainStart = i
            } else {
                i += 1
            }
        }
        if plainStart < scalars.count { segments.append(.text(plainStart..<scalars.count)) }
        return segments
    }

    private func longestMatch(
        _ list: [(scalars: [Unicode.Scalar], id: Int32)], in scalars: [Unicode.Scalar], at i: Int
    ) -> (id: Int32, length: Int)? {
        for candidate in list where i + candidate.scalars.count <= scalars.count {
            var equal = true
            for k in 1..<candidate.scalars.count where scalars[i + k] != candidate.scalars[k] {
                equal = false
                break
            }
            if equal { return (candidate.id, candidate.scalars.count) }
        }
        return nil
    }

    /// A run of the input.
    enum Segment: Equatable {
        /// Plain text: a range of scalar indices.
        case text(Range<Int>)
        /// One special token.
        case special(Int32)
    }
}
