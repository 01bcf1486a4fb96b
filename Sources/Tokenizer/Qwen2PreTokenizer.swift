/// The `qwen2` pre-tokenizer: splits text into the pieces that BPE works on, exactly as the regex
/// `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
/// would, written as a scanner over Unicode scalars. `\p{L}` is a letter general category, `\p{N}` a number
/// category, `\s` the White_Space property (all from `Unicode.Scalar.Properties`).
enum Qwen2PreTokenizer {
    /// What the regex needs to know about one scalar.
    enum Kind: UInt8 {
        case letter, number, newline, space, other
    }

    private static let asciiKinds: [Kind] = (0..<128).map { classifyUncached(Unicode.Scalar(UInt8($0))) }

    /// The class of one scalar.
    @inline(__always)
    static func classify(_ scalar: Unicode.Scalar) -> Kind {
        scalar.value < 128 ? asciiKinds[Int(scalar.value)] : classifyUncached(scalar)
    }

    private static func classifyUncached(_ scalar: Unicode.Scalar) -> Kind {
        if scalar == "\r" || scalar == "\n" { return .newline }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letter
        case .decimalNumber, .letterNumber, .otherNumber:
            return .number
        default:
            return properties.isWhitespace ? .space : .other
        }
    }

    /// The pieces of `scalars` as half-open index ranges that together cover the input in order.
    static func split(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        let kinds = scalars.map(classify)
        var pieces: [Range<Int>] = []
        var i = 0
        while i < scalars.count {
            let end = pieceEnd(scalars, kinds, from: i)
            pieces.append(i..<end)
            i = end
        }
        return pieces
    }

    /// The end of the piece that starts at `i`: the first alternative of the regex that matches there.
    private static func pieceEnd(_ s: [Unicode.Scalar], _ kinds: [Kind], from i: Int) -> Int {
        let n = s.count
        // (?i:'s|'t|'re|'ve|'m|'ll|'d)
        if s[i] == "'", i + 1 < n {
            let a = lowercasedASCII(s[i + 1])
            if a == "s" || a == "t" || a == "m" || a == "d" { return i + 2 }
            if i + 2 < n {
                let b = lowercasedASCII(s[i + 2])
                if (a == "r" && b == "e") || (a == "v" && b == "e") || (a == "l" && b == "l") { return i + 3 }
            }
        }
        let kind = kinds[i]
        // [^\r\n\p{L}\p{N}]?\p{L}+
        var letters = -1
        if kind == .letter {
            letters = i
        } else if kind != .newline, kind != .number, i + 1 < n, kinds[i + 1] == .letter {
            letters = i + 1
        }
        if letters >= 0 {
            var j = letters + 1
            while j < n, kinds[j] == .letter { j += 1 }
            return j
        }
        // \p{N}
        if kind == .number { return i + 1 }
        // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
        var symbols = -1
        if kind == .other {
            symbols = i
        } else if s[i] == " ", i + 1 < n, kinds[i + 1] == .other {
            symbols = i + 1
        }
        if symbols >= 0 {
            var j = symbols + 1
            while j < n, kinds[j] == .other { j += 1 }
            while j < n, kinds[j] == .newline { j += 1 }
            return j
        }
        // Here s[i] is whitespace. Find the end of the whitespace run.
        var runEnd = i
        while runEnd < n, kinds[runEnd] == .space || kinds[runEnd] == .newline { runEnd += 1 }
        // \s*[\r\n]+ : up to and including the last newline of the run.
        var k = runEnd - 1
        while k >= i {
            if kinds[k] == .newline { return k + 1 }
            k -= 1
        }
        // \s+(?!\S) : the run, less its last scalar when a non-space follows.
        if runEnd == n { return runEnd }
        if runEnd - i >= 2 { return runEnd - 1 }
        // \s+
        return runEnd
    }

    @inline(__always)
    private static func lowercasedASCII(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }
}
