/// Edit distance and "did you mean" suggestions for misspelt names.
public enum EditDistance {
    /// The number of single-character insertions, deletions, substitutions and
    /// adjacent transpositions turning `a` into `b` (optimal string alignment distance).
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var twoBack = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j - 1] + cost, previous[j] + 1, current[j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, twoBack[j - 2] + 1)
                }
                current[j] = best
            }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[b.count]
    }

    /// The candidate closest to `name`, ignoring case, if it is close enough to be a likely typo.
    ///
    /// "Close enough" allows one edit for names up to 4 characters, two up to 8,
    /// and three beyond. Ties go to the earlier candidate.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = name.lowercased()
        let allowed = target.count <= 4 ? 1 : target.count <= 8 ? 2 : 3
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let edits = distance(target, candidate.lowercased())
            if edits <= allowed, edits < (best?.distance ?? .max) {
                best = (candidate, edits)
            }
        }
        return best?.name
    }
}
