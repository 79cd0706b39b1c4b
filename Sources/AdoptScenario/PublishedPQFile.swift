import AdoptData

/// `calibration.published_pq_file`: columns `source,category,product,p,q,confidence`
/// (`#` comment lines allowed): published Bass p and q per year.
enum PublishedPQFile {
    /// The rows: at least one, p in [0, 1], q in [0, 5].
    static func parse(_ table: CSVTable) throws(DataError) -> [PublishedPQ] {
        try table.requireRows(1, "published p, q values")
        let source = try table.column(named: "source")
        let category = try table.column(named: "category")
        let product = try table.column(named: "product")
        let p = try table.column(named: "p")
        let q = try table.column(named: "q")
        let confidence = try table.column(named: "confidence")
        var rows: [PublishedPQ] = []
        for row in 0..<table.rowCount {
            rows.append(PublishedPQ(
                source: source[row], category: category[row], product: product[row],
                p: try p.number(atRow: row, .unit), q: try q.number(atRow: row, .closed(0, 5)),
                confidence: confidence[row]))
        }
        return rows
    }
}
