/// An error found while reading or interpreting an input data file.
///
/// Every problem the data layer detects is reported as a `DataError`: a missing
/// or unreadable file, malformed CSV, a bad cell, or an inconsistent series.
/// It carries enough context to point the user at the exact spot
/// (`file`, `line`, `field`) and renders as a single line:
///
///     data.csv:12: field 'adopters': '-3' is negative; adopters must be ≥ 0
///
/// Parts that do not apply (no line, no field) are omitted. `exitCode` maps the
/// error to a BSD `sysexits.h` status for command-line tools.
public struct DataError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The broad class of a data error, which decides the process exit status.
    public enum Kind: Sendable, Equatable, Hashable {
        /// The input could not be opened or read at all (`EX_NOINPUT`, 66).
        case missingInput
        /// The input was read but its content is invalid (`EX_DATAERR`, 65).
        case badData
    }

    /// Whether the input was missing or its content was bad.
    public var kind: Kind
    /// The input's name as given by the caller (a path, or a label such as `<stdin>`).
    public var file: String
    /// The 1-based physical line the problem is on, when it has one.
    public var line: Int?
    /// The name of the column involved, when one is.
    public var field: String?
    /// A one-line, human-readable explanation of the problem.
    public var message: String
    /// The field separator the file looks written with, where the problem is that it is not a comma
    /// (`;`, tab, `|`): a command that can read it says how.
    public var looksSeparatedBy: UInt8?

    /// Creates an error from its parts.
    ///
    /// The parts are stored as given; `description` escapes any newlines or
    /// other control characters in them so that it always stays on one line.
    public init(kind: Kind, file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// The `sysexits.h` status for this error: 66 (`EX_NOINPUT`) or 65 (`EX_DATAERR`).
    public var exitCode: Int32 {
        switch kind {
        case .missingInput: 66
        case .badData: 65
        }
    }

    /// The error as one line: `FILE:LINE: field 'NAME': message`, omitting parts that don't apply.
    public var description: String {
        var text = DataError.singleLine(file)
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "field '\(DataError.singleLine(field))': " }
        text += DataError.singleLine(message)
        return text
    }

    /// A bad-data error (exit status 65).
    static func bad(_ file: String, line: Int? = nil, field: String? = nil, _ message: String) -> DataError {
        DataError(kind: .badData, file: file, line: line, field: field, message: message)
    }

    /// Replaces control characters (newlines, tabs, …) and the line and paragraph separators
    /// (U+2028, U+2029) by visible escapes, so that any text can stand in a one-line message.
    public static func singleLine(_ text: String) -> String {
        func breaksLine(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: true
            default: false
            }
        }
        guard text.unicodeScalars.contains(where: breaksLine) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if breaksLine(scalar) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Quotes a cell's text for a message: `'text'`, escaped, shortened past 60 characters.
    /// Invisible characters a cell may hold (no-break and other non-ASCII spaces, zero-width
    /// characters, a byte order mark) are written as escapes too, so that the quote shows them.
    public static func quote(_ text: String) -> String {
        let limit = 60
        var shown = singleLine(text)
        if shown.unicodeScalars.contains(where: isInvisible) {
            var out = String.UnicodeScalarView()
            for scalar in shown.unicodeScalars {
                if isInvisible(scalar) {
                    out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
            shown = String(out)
        }
        if shown.count > limit {
            shown = String(shown.prefix(limit)) + "…"
        }
        return "'\(shown)'"
    }

    /// `option value` as a POSIX shell reads it back into those two arguments, or `option=value` where the
    /// value starts with a dash, which would read as an option of its own (`--series=-s`).
    public static func optionText(_ option: String, _ value: String) -> String {
        option + (value.hasPrefix("-") ? "=" : " ") + shellWord(value)
    }

    /// A word as a POSIX shell reads it back: as it is when made only of characters no shell treats
    /// specially (ASCII letters, digits and `_ . / = , : + @ % -`); any other, and the empty one, in
    /// single quotes, a single quote in it written `'\''` (`'Product line'`, `'O'\''Brien'`).
    public static func shellWord(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_./=,:+@%-".unicodeScalars.contains($0))
        }
        return plain ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// The text as it reads: an invisible space (`isInvisible`, a space separator) as a plain space, a
    /// zero-width character as nothing, and without the blanks around it.
    static func visible(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isInvisible) else { return String(s.withoutBlanksAround()) }
        let scalars = s.unicodeScalars.compactMap { u -> Unicode.Scalar? in
            guard isInvisible(u) else { return u }
            return u.properties.generalCategory == .spaceSeparator ? " " : nil
        }
        return String(String(String.UnicodeScalarView(scalars)).withoutBlanksAround())
    }

    /// A character that shows as nothing or as a plain space: a space other than U+0020 (no-break,
    /// narrow, figure, ideographic …) or a format character (zero-width space, byte order mark).
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .spaceSeparator: scalar != " "
        case .format: true
        default: false
        }
    }
}
