/// Text from the data (labels, names, paths, the command line) put into Markdown safely: on one
/// line, and without characters that would end a table cell or start markup (CommonMark, GFM tables).
///
/// Markup is found by Unicode scalar, not by character, as a Markdown parser finds it: a `|` or a
/// backtick followed by a combining mark is one Swift character equal to neither.
enum MarkdownText {
    /// A name as Markdown code on one line: line breaks become spaces, and the backtick fence is
    /// longer than any run of backticks in the name (CommonMark §6.1). A name that starts or ends
    /// with a backtick, or both starts and ends with a space (of which CommonMark strips one on each
    /// side), is padded with a space inside the fence. In a table cell, pass it through `cell` as well.
    static func codeSpan(_ name: String) -> String {
        let line = oneLine(name)
        let scalars = line.unicodeScalars
        var longest = 0, run = 0
        for u in scalars { run = u == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        let backtickAtAnEnd = scalars.first == "`" || scalars.last == "`"
        let spacesAtBothEnds = scalars.first == " " && scalars.last == " " && scalars.contains { $0 != " " }
        let pad = backtickAtAnEnd || spacesAtBothEnds ? " " : ""
        return fence + pad + line + pad + fence
    }

    /// Markdown for a table cell: a `|` escaped, even inside code (GFM §4.10).
    static func cell(_ markdown: String) -> String {
        inserting("\\", before: "|", in: markdown)
    }

    /// Plain text as Markdown: on one line, with ASCII punctuation that could start markup escaped.
    static func plain(_ text: String) -> String { escaped(text, keepingNames: false) }

    /// Text that is mostly prose and names (notes, titles) as Markdown: as `plain`, but the
    /// underscores inside names (`analog_tengbe_share`), which CommonMark leaves alone, and a `#`
    /// that does not start the text stay as they are.
    static func prose(_ text: String) -> String { escaped(text, keepingNames: true) }

    private static func escaped(_ text: String, keepingNames: Bool) -> String {
        let scalars = Array(oneLine(text).unicodeScalars)
        func alphanumeric(_ k: Int) -> Bool {
            scalars.indices.contains(k) && (scalars[k].properties.isAlphabetic || scalars[k].properties.numericType != nil)
        }
        var out = String.UnicodeScalarView()
        for (k, u) in scalars.enumerated() {
            let escape = switch u {
            case "_": !keepingNames || !(alphanumeric(k - 1) && alphanumeric(k + 1))
            case "#": !keepingNames || k == 0
            default: "\\`*[]<>|!~&".unicodeScalars.contains(u)
            }
            if escape { out.append("\\") }
            out.append(u)
        }
        return String(out)
    }

    /// Line breaks (and other vertical space) as single spaces.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
