/// Finds the line on which each key of a TOML document is written.
///
/// TOMLKit gives values but not their positions, so this scans the text itself.
/// It records, for every path in the document, the 1-based line where it is defined:
///
/// - a table header `[a.b]` → path `a.b`, and each `[[a]]` → `a[0]`, `a[1]`, …
///   (a key under the k-th `[[a]]` is `a[k].key`; `[a.b]` after `[[a]]` is `a[k].b`);
/// - a key `k = …` (also dotted, `x.y = …`, or quoted, `"k" = …`) → `table.k`;
/// - the keys of inline tables `p = { hyperscale = 0.1 }` → `table.p.hyperscale`;
/// - array elements, one per line or not → `table.key[i]`, and keys of inline
///   tables inside arrays → `table.key[i].year`.
///
/// Tables defined only implicitly (`segments` by `[segments.hyperscale]`) get the
/// line of their first mention. Comments and the contents of strings (basic,
/// literal and multi-line, including `#`, `=`, brackets and escaped quotes) are
/// skipped. The scan is meant for documents TOMLKit has already accepted; on
/// invalid input it still terminates and records what it can.
struct KeyLocator: Sendable {
    /// The line of each path found.
    private(set) var lines: [TOMLPath: Int] = [:]

    /// Scans `text`.
    init(text: String) {
        var scanner = Scanner(Array(text.utf8))
        scanner.scanDocument()
        lines = scanner.lines
    }

    /// The line on which `path` is defined, if it is in the document.
    func line(of path: TOMLPath) -> Int? { lines[path] }

    /// The line of `path`, or else of its nearest ancestor in the document (nil if none).
    ///
    /// For a missing key, that is the line of the table that should hold it.
    func nearestLine(of path: TOMLPath) -> Int? {
        var path = path
        while true {
            if let line = lines[path] { return line }
            if path.components.isEmpty { return nil }
            path = path.parent
        }
    }
}

/// The byte-level scanner behind `KeyLocator`.
private struct Scanner {
    let bytes: [UInt8]
    /// Offsets at which each line starts (line k + 1 starts at `lineStarts[k]`).
    let lineStarts: [Int]
    var i = 0
    var lines: [TOMLPath: Int] = [:]
    /// Entries seen so far of each array of tables (`[[a]]`), by its path.
    var arrayTables: [TOMLPath: Int] = [:]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (k, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(k + 1) }
        lineStarts = starts
    }

    var atEnd: Bool { i >= bytes.count }
    var current: UInt8 { bytes[i] }

    func peek(_ offset: Int) -> UInt8? {
        i + offset < bytes.count ? bytes[i + offset] : nil
    }

    /// The 1-based line holding byte `offset`.
    func line(at offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Records `path` at the line of `offset`; `replacing` an earlier (implicit) mention or not.
    mutating func record(_ path: TOMLPath, at offset: Int, replacing: Bool) {
        if replacing || lines[path] == nil { lines[path] = line(at: offset) }
    }

    // MARK: - Document

    mutating func scanDocument() {
        var table = TOMLPath()
        while true {
            skipTrivia(newlines: true)
            if atEnd { return }
            let start = i
            if current == UInt8(ascii: "[") {
                table = scanHeader()
            } else {
                scanKeyValue(in: table)
            }
            if i == start { i += 1 }  // never stall on unexpected input
        }
    }

    /// Scans `[a.b]` or `[[a.b]]` and returns the table's path.
    mutating func scanHeader() -> TOMLPath {
        let start = i
        let isArray = peek(1) == UInt8(ascii: "[")
        i += isArray ? 2 : 1
        let keys = scanKey()
        var path = TOMLPath()
        for (k, key) in keys.enumerated() {
            path = path.appending(key)
            if k == keys.count - 1 {
                if isArray {
                    let index = arrayTables[path, default: 0]
                    arrayTables[path] = index + 1
                    record(path, at: start, replacing: false)
                    path = path.appending(index: index)
                }
                record(path, at: start, replacing: true)
            } else {
                record(path, at: start, replacing: false)
                if let count = arrayTables[path] { path = path.appending(index: count - 1) }
            }
        }
        skipSpaces()
        while !atEnd, current == UInt8(ascii: "]") { i += 1 }
        return path
    }

    /// Scans `key = value` (the key possibly dotted) inside the table at `table`.
    mutating func scanKeyValue(in table: TOMLPath) {
        let start = i
        let keys = scanKey()
        guard !keys.isEmpty else { return }
        let path = recordKeys(keys, under: table, at: start)
        skipSpaces()
        guard !atEnd, current == UInt8(ascii: "=") else { return }
        i += 1
        scanValue(at: path)
    }

    /// Records a dotted key's intermediate tables (implicitly) and the key itself; returns its path.
    /// (Keys have at most `TOMLDocument.maximumDepth` parts by the time they get here.)
    mutating func recordKeys(_ keys: [String], under table: TOMLPath, at offset: Int) -> TOMLPath {
        var path = table
        for (k, key) in keys.enumerated() {
            path = path.appending(key)
            record(path, at: offset, replacing: k == keys.count - 1)
        }
        return path
    }

    // MARK: - Keys

    /// Scans a possibly dotted key (`a`, `a.b`, `"a b".c`, `'x'`) and returns its parts.
    mutating func scanKey() -> [String] {
        var keys: [String] = []
        while true {
            skipSpaces()
            if atEnd { return keys }
            if current == UInt8(ascii: "\"") {
                keys.append(scanBasicKey())
            } else if current == UInt8(ascii: "'") {
                keys.append(scanLiteralKey())
            } else {
                let start = i
                while !atEnd, Scanner.isBareKeyByte(current) { i += 1 }
                if i == start { return keys }
                keys.append(String(decoding: bytes[start..<i], as: UTF8.self))
            }
            skipSpaces()
            guard !atEnd, current == UInt8(ascii: ".") else { return keys }
            i += 1
        }
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// Scans a `"…"` key and returns its text with escapes decoded.
    mutating func scanBasicKey() -> String {
        i += 1
        var scalars = String.UnicodeScalarView()
        var start = i
        func flush(_ s: inout String.UnicodeScalarView, _ from: Int, _ to: Int, _ bytes: [UInt8]) {
            s.append(contentsOf: String(decoding: bytes[from..<to], as: UTF8.self).unicodeScalars)
        }
        while !atEnd, current != UInt8(ascii: "\""), current != UInt8(ascii: "\n") {
            guard current == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            flush(&scalars, start, i, bytes)
            i += 1
            guard !atEnd else { break }
            let escape = current
            i += 1
            switch escape {
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "e"): scalars.append("\u{1B}")
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = escape == UInt8(ascii: "u") ? 4 : 8
                let end = min(i + digits, bytes.count)
                let hex = String(decoding: bytes[i..<end], as: UTF8.self)
                if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
                i = end
            default: scalars.append(Unicode.Scalar(escape))
            }
            start = i
        }
        flush(&scalars, start, min(i, bytes.count), bytes)
        if !atEnd, current == UInt8(ascii: "\"") { i += 1 }
        return String(scalars)
    }

    /// Scans a `'…'` key and returns its text.
    mutating func scanLiteralKey() -> String {
        i += 1
        let start = i
        while !atEnd, current != UInt8(ascii: "'"), current != UInt8(ascii: "\n") { i += 1 }
        let key = String(decoding: bytes[start..<i], as: UTF8.self)
        if !atEnd, current == UInt8(ascii: "'") { i += 1 }
        return key
    }

    // MARK: - Values

    /// Scans one value whose path is `path`, recording the elements and keys inside it.
    mutating func scanValue(at path: TOMLPath) {
        skipSpaces()
        if atEnd { return }
        switch current {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            skipString()
        case UInt8(ascii: "["):
            scanArray(at: path)
        case UInt8(ascii: "{"):
            scanInlineTable(at: path)
        default:
            skipBareValue()
        }
    }

    mutating func scanArray(at path: TOMLPath) {
        i += 1
        var index = 0
        while true {
            skipTrivia(newlines: true)
            if atEnd { return }
            switch current {
            case UInt8(ascii: "]"):
                i += 1
                return
            case UInt8(ascii: ","):
                i += 1
            default:
                let start = i
                let element = path.appending(index: index)
                record(element, at: start, replacing: true)
                scanValue(at: element)
                index += 1
                if i == start { i += 1 }
            }
        }
    }

    mutating func scanInlineTable(at path: TOMLPath) {
        i += 1
        while true {
            skipTrivia(newlines: true)
            if atEnd { return }
            switch current {
            case UInt8(ascii: "}"):
                i += 1
                return
            case UInt8(ascii: ","):
                i += 1
            default:
                let start = i
                let keys = scanKey()
                if keys.isEmpty {
                    i += 1
                    continue
                }
                let key = recordKeys(keys, under: path, at: start)
                skipSpaces()
                if !atEnd, current == UInt8(ascii: "=") {
                    i += 1
                    scanValue(at: key)
                }
            }
        }
    }

    /// Skips a number, boolean, date or time (a local date-time may hold one space).
    mutating func skipBareValue() {
        let start = i
        while !atEnd, !Scanner.endsBareValue(current) { i += 1 }
        // `1979-05-27 07:32:00`: a date, one space, then a time.
        if i - start == 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
           peek(0) == UInt8(ascii: " "), let next = peek(1), next >= 0x30, next <= 0x39 {
            i += 1
            while !atEnd, !Scanner.endsBareValue(current) { i += 1 }
        }
    }

    static func endsBareValue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
            UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"):
            return true
        default:
            return false
        }
    }

    /// Skips a basic or literal string, single- or multi-line, starting at its opening quote.
    mutating func skipString() {
        let quote = current
        let escapes = quote == UInt8(ascii: "\"")
        if peek(1) == quote, peek(2) == quote {
            i += 3
            while !atEnd {
                if escapes, current == UInt8(ascii: "\\") {
                    i += 2
                } else if current == quote, peek(1) == quote, peek(2) == quote {
                    i += 3
                    // Up to two more quotes may end the content: `""""` or `"""""`.
                    var extra = 0
                    while extra < 2, !atEnd, current == quote { i += 1; extra += 1 }
                    return
                } else {
                    i += 1
                }
            }
            i = min(i, bytes.count)
            return
        }
        i += 1
        while !atEnd, current != UInt8(ascii: "\n") {
            if escapes, current == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if current == quote {
                i += 1
                return
            }
            i += 1
        }
        i = min(i, bytes.count)
    }

    // MARK: - Trivia

    /// Skips spaces and tabs.
    mutating func skipSpaces() {
        while !atEnd, current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") { i += 1 }
    }

    /// Skips spaces, tabs and comments, and line breaks too if `newlines`.
    mutating func skipTrivia(newlines: Bool) {
        while !atEnd {
            switch current {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                i += 1
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                guard newlines else { return }
                i += 1
            case UInt8(ascii: "#"):
                while !atEnd, current != UInt8(ascii: "\n") { i += 1 }
            default:
                return
            }
        }
    }
}
