/// One step of a path into a TOML document: a key of a table or a 0-based index of an array
/// (including an array of tables such as `[[wildcards]]`).
enum TOMLPathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// The position of a value in a TOML document, from the root:
/// `segments.hyperscale.q`, `technologies.lpo.p.enterprise`, `wildcards[2].id`,
/// `demand.switch_generations[0].year`.
struct TOMLPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    var components: [TOMLPathComponent]

    init(_ components: [TOMLPathComponent] = []) { self.components = components }

    /// A path of keys and indexes, written as string and integer literals.
    init(arrayLiteral elements: TOMLPathLiteral...) {
        components = elements.map(\.component)
    }

    /// This path extended by a key.
    func appending(_ key: String) -> TOMLPath { TOMLPath(components + [.key(key)]) }

    /// This path extended by an array index.
    func appending(index: Int) -> TOMLPath { TOMLPath(components + [.index(index)]) }

    /// The path without its last component (the root's parent is the root).
    var parent: TOMLPath { TOMLPath(Array(components.dropLast())) }

    /// Keys joined by dots, indexes in brackets: `wildcards[2].id`.
    var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += TOMLPath.isBare(key) ? key : "\"\(key)\""
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// Whether `key` can be written without quotes (`A-Za-z0-9_-`).
    static func isBare(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F || byte == 0x2D
        }
    }
}

/// A path component written as a literal: a string is a key, an integer an index.
struct TOMLPathLiteral: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, Sendable {
    let component: TOMLPathComponent
    init(stringLiteral value: String) { component = .key(value) }
    init(integerLiteral value: Int) { component = .index(value) }
}
