/// Text from the data (labels, names, paths, the command line) put into Markdown safely: on one
/// line, and without characters that would end a table cell or start markup (CommonMark, GFM tables).
enum MarkdownText {
    /// A name as Markdown code on one line: line breaks become spaces, and the backtick fence is
    /// longer than any run of backticks in the name (CommonMark §6.1). In a table cell, pass it
    /// through `cell` as well.
    static func codeSpan(_ name: String) -> String {
        let line = oneLine(name)
        var longest = 0, run = 0
        for c in line { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = line.hasPrefix("`") || line.hasSuffix("`") ? " " : ""
        return fence + pad + line + pad + fence
    }

    /// Markdown for a table cell: a `|` escaped, even inside code (GFM §4.10).
    static func cell(_ markdown: String) -> String {
        markdown.replacingOccurrences(of: "|", with: "\\|")
    }

    /// Plain text as Markdown: on one line, with ASCII punctuation that could start markup escaped.
    static func plain(_ text: String) -> String { escaped(text, keepingNames: false) }

    /// Text that is mostly prose and names (notes, titles) as Markdown: as `plain`, but the
    /// underscores inside names (`analog_tengbe_share`), which CommonMark leaves alone, and a `#`
    /// that does not start the text stay as they are.
    static func prose(_ text: String) -> String { escaped(text, keepingNames: true) }

    private static func escaped(_ text: String, keepingNames: Bool) -> String {
        let chars = Array(oneLine(text))
        func alphanumeric(_ k: Int) -> Bool { chars.indices.contains(k) && (chars[k].isLetter || chars[k].isNumber) }
        var out = ""
        for (k, c) in chars.enumerated() {
            let escape = switch c {
            case "_": !keepingNames || !(alphanumeric(k - 1) && alphanumeric(k + 1))
            case "#": !keepingNames || k == 0
            default: "\\`*[]<>|!~&".contains(c)
            }
            if escape { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Line breaks (and other vertical space) as single spaces.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
