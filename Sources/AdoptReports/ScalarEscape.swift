/// `text` with `mark` put before every Unicode scalar `escaped` picks: how a CSV field doubles its
/// quotes (`"` before `"`) and a Markdown table cell escapes its pipes (`\` before `|`). It goes by
/// scalar, as the readers do: a quote or pipe followed by a combining mark is one Swift character
/// equal to neither.
func inserting(_ mark: Unicode.Scalar, before escaped: (Unicode.Scalar) -> Bool, in text: String) -> String {
    var out = String.UnicodeScalarView()
    for u in text.unicodeScalars {
        if escaped(u) { out.append(mark) }
        out.append(u)
    }
    return String(out)
}
