import TOMLKit

/// One value of the scenario with what is needed to report a problem with it.
struct Field {
    let value: TOMLValue
    let path: TOMLPath
    /// How messages name the value: `'q'`, `item 2 of 'watts_per_port'`.
    let label: String
    /// The key that holds the value (for an array item, the array's key).
    let key: String
    /// The table it is in, as `TableReader.context`.
    let context: String
    let source: ScenarioSource

    /// The value's line.
    var line: Int? { source.locator.nearestLine(of: path) }

    /// An error at this value's line.
    func error(_ message: String, exitCode: Int32 = 65) -> ScenarioError {
        source.error(at: path, message, exitCode: exitCode)
    }

    /// "LABEL PREDICATE (in CONTEXT)" at this value's line: `'q' must be ≥ 0, found -1 (in [segments.hyperscale])`.
    func invalid(_ predicate: String) -> ScenarioError {
        error("\(label) \(predicate) (in \(context))")
    }

    private func wrongType(_ expected: String) -> ScenarioError {
        invalid("must be \(expected), found \(Field.describe(value))")
    }

    /// A finite number within `bounds` (TOML integers are accepted).
    func number(_ bounds: Bounds = .any) throws(ScenarioError) -> Double {
        let x: Double
        if let int = value.int {
            x = Double(int)
        } else if let double = value.double {
            guard double.isFinite else { throw invalid("must be a finite number, found \(double)") }
            x = double
        } else {
            throw wrongType("a number")
        }
        guard bounds.contains(x) else { throw invalid("must be \(bounds.phrase), found \(formatNumber(x, beside: bounds))") }
        return x
    }

    /// A TOML integer within `bounds`.
    func integer(_ bounds: Bounds = .any) throws(ScenarioError) -> Int {
        guard let int = value.int else { throw wrongType("an integer") }
        guard bounds.contains(Double(int)) else { throw invalid("must be \(bounds.phrase), found \(int)") }
        return int
    }

    /// A name that goes into file names, command-line options and table cells: ASCII letters and
    /// digits, `_`, `-` and `.`, starting with a letter or digit.
    func identifier() throws(ScenarioError) -> String {
        let name = try string(nonEmpty: true)
        let alphanumeric = { (c: Unicode.Scalar) in ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) }
        guard let first = name.unicodeScalars.first, alphanumeric(first),
              name.unicodeScalars.allSatisfy({ alphanumeric($0) || "_-.".unicodeScalars.contains($0) }) else {
            throw invalid("must be ASCII letters, digits, '_', '-' or '.', starting with a letter or digit, found '\(name)'")
        }
        return name
    }

    /// A string (`nonEmpty`: with some non-blank character).
    func string(nonEmpty: Bool = false) throws(ScenarioError) -> String {
        guard let string = value.string else { throw wrongType("a string") }
        if nonEmpty, string.allSatisfy(\.isWhitespace) { throw invalid("must not be empty") }
        return string
    }

    /// A boolean.
    func boolean() throws(ScenarioError) -> Bool {
        guard let bool = value.bool else { throw wrongType("a boolean (true or false)") }
        return bool
    }

    /// One of `T`'s raw values, with a did-you-mean for a near miss.
    func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, noun: String) throws(ScenarioError) -> T
    where T.RawValue == String {
        let text = try string()
        if let choice = T(rawValue: text) { return choice }
        let names = T.allCases.map(\.rawValue)
        var message = "\(label) is not a known \(noun): '\(text)'; expected one of " + names.joined(separator: ", ")
        if let suggestion = Suggestion.closest(to: text, among: names) { message += "; did you mean '\(suggestion)'?" }
        throw error(message + " (in \(context))")
    }

    /// The items of an array, each labelled `item k of 'key'` (1-based).
    func array(count expected: Int? = nil, description: String? = nil) throws(ScenarioError) -> [Field] {
        guard let array = value.array else { throw wrongType(description ?? "an array") }
        if let expected, array.count != expected {
            throw invalid("must be \(description ?? "an array of \(expected) items"), found \(array.count) item\(array.count == 1 ? "" : "s")")
        }
        return array.indices.map { index in
            Field(value: array[index].tomlValue, path: path.appending(index: index),
                  label: "item \(index + 1) of '\(key)'", key: key, context: context, source: source)
        }
    }

    /// The value as a table: `[header]` tables are named `[a.b]` (`[[a]] #k` for an array of
    /// tables' entry), inline tables by their label.
    func table() throws(ScenarioError) -> TableReader {
        guard let table = value.table else { throw wrongType("a table") }
        let name: String
        if table.inline {
            name = "\(label) in \(context)"
        } else if case .index(let index)? = path.components.last {
            name = "[[\(path.parent)]] #\(index + 1)"
        } else {
            name = "[\(path)]"
        }
        return TableReader(table: table, path: path, context: name, source: source)
    }

    /// `[low, central, high]` with low ≤ central ≤ high, each within `bounds`.
    func rangeWithCentre(_ bounds: Bounds = .any) throws(ScenarioError) -> ClosedRangeWithCentre {
        let description = "[low, central, high] (3 numbers)"
        let items = try array(count: 3, description: description)
        var values: [Double] = []
        for item in items { values.append(try item.number(bounds)) }
        guard values[0] <= values[1], values[1] <= values[2] else {
            throw invalid("must be [low, central, high] with low ≤ central ≤ high, found [\(values.map(formatNumber).joined(separator: ", "))]")
        }
        return ClosedRangeWithCentre(low: values[0], central: values[1], high: values[2])
    }

    /// `[start, end]` with start ≤ end, each within `bounds`.
    func interval(_ bounds: Bounds = .any) throws(ScenarioError) -> (start: Double, end: Double) {
        let items = try array(count: 2, description: "[start, end] (2 numbers)")
        let start = try items[0].number(bounds)
        let end = try items[1].number(bounds)
        guard start <= end else {
            throw invalid("must be [start, end] with start ≤ end, found [\(formatNumber(start)), \(formatNumber(end))]")
        }
        return (start, end)
    }

    /// A value's type (and, for scalars, the value) for "found …" in messages.
    static func describe(_ value: TOMLValue) -> String {
        switch value.type {
        case .string:
            let text = value.string ?? ""
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "a string \"\(shown)\""
        case .int: return "an integer \(value.int.map(String.init) ?? "")"
        case .double: return "a floating-point number \(value.double.map { "\($0)" } ?? "")"
        case .bool: return "a boolean \(value.bool.map(String.init) ?? "")"
        case .array: return "an array"
        case .table: return "a table"
        case .date: return "a date"
        case .time: return "a time"
        case .dateTime: return "a date-time"
        }
    }
}
