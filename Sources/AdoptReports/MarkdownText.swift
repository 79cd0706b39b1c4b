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
    static func plain(_ text: String) -> String {
        var out = ""
        for c in oneLine(text) {
            if "\\`*_[]<>|#!~&".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Text that is mostly prose and names (notes, titles) as Markdown: on one line, with the
    /// characters that would start markup escaped, but not the underscores inside names
    /// (`analog_tengbe_share`), which CommonMark leaves alone.
    static func prose(_ text: String) -> String {
        var out = ""
        let chars = Array(oneLine(text))
        for (k, c) in chars.enumerated() {
            let intraword = c == "_" && k > 0 && k + 1 < chars.count
                && (chars[k - 1].isLetter || chars[k - 1].isNumber) && (chars[k + 1].isLetter || chars[k + 1].isNumber)
            if "\\`*[]<>|!~&".contains(c) || (c == "_" && !intraword) || (c == "#" && k == 0) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Line breaks (and other vertical space) as single spaces.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
