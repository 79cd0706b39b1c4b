import AdoptData

/// "Did you mean …?" suggestions for misspelt keys and names, by edit distance.
enum Suggestion {
    /// The candidate closest to `name`, ignoring case, if it is close enough to be a likely typo.
    ///
    /// "Close enough" allows one edit for names up to 4 characters, two up to 8 and
    /// three beyond; a name that merely differs in case, or in `-` for `_`, always
    /// qualifies. Ties go to the earlier candidate.
    static func closest(to name: String, among candidates: [String]) -> String? {
        let target = normalized(name)
        let allowed = target.count <= 4 ? 1 : target.count <= 8 ? 2 : 3
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let edits = EditDistance.distance(target, normalized(candidate))
            if edits <= allowed, edits < (best?.distance ?? .max) {
                best = (candidate, edits)
            }
        }
        return best?.name
    }

    /// `"; did you mean 'x'?"` for the closest candidate, or an empty string.
    static func didYouMean(_ name: String, among candidates: [String]) -> String {
        guard let match = closest(to: name, among: candidates) else { return "" }
        return "; did you mean '\(match)'?"
    }

    private static func normalized(_ name: String) -> String {
        String(name.lowercased().map { $0 == "-" ? "_" : $0 })
    }
}
