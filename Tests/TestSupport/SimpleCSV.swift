import Foundation

/// A reader for the project's own well-formed fixture CSVs and reports: `#` comments, fields in
/// double quotes (`""` a quote) within one line; no line break inside a field.
///
/// The product's strict reader is tested on its own; fixtures use this one so a
/// reader bug cannot hide a numeric one.
public struct SimpleCSV: Sendable {
    public let header: [String]
    public let rows: [[String]]

    public init(text: String) {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        header = lines.first.map(Self.fields) ?? []
        rows = lines.dropFirst().map(Self.fields)
    }

    /// The fields of one line: commas split them, except inside double quotes, where `""` is a quote.
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        var characters = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        fields.append(field)
        return fields
    }

    public init(url: URL) throws {
        self.init(text: try String(contentsOf: url, encoding: .utf8))
    }

    public func column(_ name: String) -> [String] {
        guard let j = header.firstIndex(of: name) else { return [] }
        return rows.map { $0[j] }
    }

    public func doubles(_ name: String) -> [Double] { column(name).map { Double($0)! } }

    /// Rows as dictionaries keyed by header.
    public var records: [[String: String]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// The records grouped by their values in `columns`, groups in order of first appearance.
    public func groups(by columns: [String]) -> [(key: [String], records: [[String: String]])] {
        var order: [[String]] = []
        var groups: [[String]: [[String: String]]] = [:]
        for r in records {
            let key = columns.map { r[$0]! }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        return order.map { ($0, groups[$0]!) }
    }
}

extension SimpleCSV {
    /// The records as `key` → `name` → the number in `value` (`case,quantity,value` fixtures: case →
    /// quantity → value).
    public func table(by key: String, _ name: String, value: String = "value") -> [String: [String: Double]] {
        var out: [String: [String: Double]] = [:]
        for r in records { out[r[key]!, default: [:]][r[name]!] = Double(r[value]!)! }
        return out
    }

    /// `table(by:_:value:)` of the fixture at `path` (relative to `Tests/Fixtures`), empty when it cannot be
    /// read, so that a test naming a case fails at its `#require`.
    public static func table(_ path: String, by key: String = "case", _ name: String = "quantity",
                             value: String = "value") -> [String: [String: Double]] {
        (try? SimpleCSV(url: Fixtures.url(path)))?.table(by: key, name, value: value) ?? [:]
    }

    /// The numbers in column `value` of each group of records with the same `key`, in file order.
    public func series(by key: String, _ value: String) -> [String: [Double]] {
        Dictionary(uniqueKeysWithValues: groups(by: [key]).map { ($0.key[0], $0.records.map { Double($0[value]!)! }) })
    }
}

