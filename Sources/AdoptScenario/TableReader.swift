import TOMLKit

/// What the keys of a table name, for "unknown …" messages.
enum KeyKind: String {
    case key, table, segment, technology
}

/// Typed, checked access to one table of the scenario (a `[header]` table or an inline table).
///
/// Every failure is a `ScenarioError` at the line of the offending key; a missing key is
/// reported at the line of the table that should hold it.
struct TableReader {
    let table: TOMLTable
    let path: TOMLPath
    /// How messages name the table: `[segments.hyperscale]`, `[[wildcards]] #2`,
    /// `'hyperscale_share' in [demand]`.
    let context: String
    let source: ScenarioSource

    /// The root table of a document.
    init(root: TOMLTable, source: ScenarioSource) {
        self.init(table: root, path: TOMLPath(), context: "the top level", source: source)
    }

    init(table: TOMLTable, path: TOMLPath, context: String, source: ScenarioSource) {
        self.table = table
        self.path = path
        self.context = context
        self.source = source
    }

    /// The keys present, in file order.
    var keysInFileOrder: [String] {
        table.keys.sorted { a, b in
            let la = source.locator.line(of: path.appending(a)) ?? .max
            let lb = source.locator.line(of: path.appending(b)) ?? .max
            return la != lb ? la < lb : a < b
        }
    }

    /// An error at the line of `key` in this table (or of the table if the key is absent).
    func error(_ key: String?, _ message: String, exitCode: Int32 = 65) -> ScenarioError {
        source.error(at: key.map { path.appending($0) } ?? path, message, exitCode: exitCode)
    }

    /// Rejects keys outside `allowed`; the first offender (in file order) is reported.
    ///
    /// - Parameters:
    ///   - allowed: The keys the table may hold; also the did-you-mean candidates.
    ///   - forbidden: Keys that are known but not allowed here, with the reason.
    ///   - kind: What the keys name (`unknown segment …`).
    func checkKeys(_ allowed: [String], forbidden: [String: String] = [:], kind: KeyKind = .key) throws(ScenarioError) {
        for key in keysInFileOrder where !allowed.contains(key) {
            if let reason = forbidden[key] {
                throw error(key, "'\(key)' is not allowed in \(context): \(reason)")
            }
            throw error(key, unknownMessage(key, allowed: allowed, kind: kind))
        }
    }

    private func unknownMessage(_ key: String, allowed: [String], kind: KeyKind) -> String {
        let suggestion = Suggestion.closest(to: key, among: allowed)
        if isHeaderTable(table[key]) {
            var message = "unknown \(kind.rawValue) [\(path.appending(key))]"
            if let suggestion {
                message += "; did you mean [\(path.appending(suggestion))]?"
            } else {
                message += "; expected " + allowed.map { "[\(path.appending($0))]" }.joined(separator: ", ")
            }
            return message
        }
        let noun = kind == .table ? "key" : kind.rawValue  // a plain `key = value` where tables belong
        var message = "unknown \(noun) '\(key)' in \(context)"
        if let suggestion {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; expected " + allowed.map { "'\($0)'" }.joined(separator: ", ")
        }
        return message
    }

    /// Whether a value was written as `[header]` or `[[header]]` rather than as `key = value`.
    private func isHeaderTable(_ value: TOMLValueConvertible?) -> Bool {
        guard let value else { return false }
        if let table = value.table { return !table.inline }
        if let array = value.array, let first = array.first, let table = first.table { return !table.inline }
        return false
    }

    /// The value of a required key.
    func field(_ key: String) throws(ScenarioError) -> Field {
        guard let field = optionalField(key) else {
            throw error(nil, "missing required key '\(key)' in \(context)")
        }
        return field
    }

    /// The value of an optional key, nil when absent.
    func optionalField(_ key: String) -> Field? {
        guard let value = table[key] else { return nil }
        return Field(value: value.tomlValue, path: path.appending(key), label: "'\(key)'", key: key,
                     context: context, source: source)
    }

    /// A required sub-table written as a `[header]` (missing: "missing required table [a.b]").
    func table(_ key: String) throws(ScenarioError) -> TableReader {
        guard let field = optionalField(key) else {
            throw error(nil, "missing required table [\(path.appending(key))]")
        }
        return try field.table()
    }
}
