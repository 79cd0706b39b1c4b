/// A CSV input in memory whose header has been read: the start of reading either a whole
/// `CSVTable` or, much faster on large files, just the observations of some columns.
///
/// The header is parsed as `CSVReader` does, with the same errors; `table()` then parses the
/// records as `CSVReader.parse` does, and `observations(x:y:series:kind:)` gives exactly what
/// `ObservationSet(table: table(), …)` gives — the same series, values and lines, or the same
/// error — without building the table.
public struct CSVInput: Sendable {
    /// The input's name as given (path or label), used in errors.
    public let source: String
    /// The column names from the header, in order.
    public let columnNames: [String]

    let storage: CSVBytes
    /// The offset of the first byte after the header record, and its physical line.
    let dataStart: Int
    let dataLine: Int

    /// The physical line the header ends on.
    public var headerLine: Int { dataLine - 1 }

    /// Reads the header of a file read into memory; the input keeps the contents (no copy).
    ///
    /// - Throws: `DataError` if the input is empty, too large, or its header is missing or
    ///   malformed — what `CSVReader.parse` throws for it.
    public init(_ contents: FileContents, source: String) throws(DataError) {
        try self.init(storage: .file(contents), source: source)
    }

    /// Reads the header of CSV bytes; the input keeps the array (no copy).
    ///
    /// - Throws: `DataError` as `init(_:source:)` for a file.
    public init(_ bytes: [UInt8], source: String = "<input>") throws(DataError) {
        try self.init(storage: .array(bytes), source: source)
    }

    private init(storage: CSVBytes, source: String) throws(DataError) {
        let header = try storage.withUnsafeBufferPointer {
            (buffer) throws(DataError) -> (names: [String], start: Int, startLine: Int) in
            try CSVReader.checkSize(buffer, source: source)
            var parser = CSVParser(buffer.baseAddress!, count: buffer.count, source: source)
            try parser.parseHeader()
            return (parser.header, parser.position, parser.currentLine)
        }
        self.source = source
        self.storage = storage
        self.columnNames = header.names
        self.dataStart = header.start
        self.dataLine = header.startLine
    }

    /// The whole table, exactly as `CSVReader.parse` gives it (same errors).
    public func table() throws(DataError) -> CSVTable {
        try storage.withUnsafeBufferPointer { (buffer) throws(DataError) -> CSVTable in
            try CSVReader.parse(buffer, storage: storage, source: source)
        }
    }

    /// The observations of columns `x`, `y` and `series`, exactly as
    /// `ObservationSet(table: table(), x: x, y: y, series: series, kind: kind)` gives them,
    /// including the error thrown for an invalid input.
    ///
    /// The records are parsed in chunks on all cores (on at most `workers` threads, where given),
    /// straight into series, and only the three columns are converted. Anything out of the
    /// ordinary (period labels, a bad cell, a duplicate x, non-ASCII series names, `""` escapes in
    /// those columns) takes the table path, which finds the first error in file order.
    ///
    /// `skipsInvalidSeries`: a series whose own rows hold bad data is set aside (`invalidSeries`) and the
    /// others are read, as `ObservationSet(table:…skipsInvalidSeries:)` says.
    public func observations(
        x: String, y: String, series: String? = nil, kind: ObservationKind = .adoption, workers: Int? = nil,
        skipsInvalidSeries: Bool = false
    ) throws(DataError) -> ObservationSet {
        try observations(x: x, y: y, series: series, kind: kind, chunkCount: nil, workers: workers, skipsInvalidSeries: skipsInvalidSeries)
    }

    /// `observations(x:y:series:kind:workers:)` with the data split into at most `chunkCount` chunks
    /// (by default, about one per mebibyte), read on all cores or on at most `workers` threads.
    func observations(
        x: String, y: String, series: String?, kind: ObservationKind, chunkCount: Int?, workers: Int? = nil,
        skipsInvalidSeries: Bool = false
    ) throws(DataError) -> ObservationSet {
        var set: ObservationSet
        do throws(DataError) {
            if let fast = fastObservations(x: x, y: y, series: series, kind: kind, chunkCount: chunkCount, workers: workers) {
                set = fast
            } else {
                set = try ObservationSet(table: table(), x: x, y: y, series: series, kind: kind, skipsInvalidSeries: skipsInvalidSeries)
            }
            try set.checkSeriesNamesApart()
            if kind == .adoption {
                if skipsInvalidSeries { set.setAsideTotalSeries() } else { try set.checkNoTotalSeries() }
            }
        } catch {
            throw withEndOfFileMarkHint(error)
        }
        // A mark the reading took as part of a name or a label (its rows read, one series or
        // period renamed) would otherwise surface later, far from its cause.
        if let line = endOfFileMarkLine() {
            throw .bad(source, line: line, "the file ends with a DOS end-of-file mark (Ctrl-Z, byte 0x1A): delete it")
        }
        return set
    }

    /// The physical line of a DOS end-of-file mark (Ctrl-Z, byte 0x1A) ending the input, before
    /// trailing blanks and line endings only, or nil when the input does not end with one (or it
    /// ends a comment line, which is skipped whole).
    func endOfFileMarkLine() -> Int? {
        storage.withUnsafeBufferPointer { buffer -> Int? in
            func isBlank(_ b: UInt8) -> Bool { b == ByteScanning.space || b == ByteScanning.tab }
            var i = buffer.count - 1
            while i >= dataStart, isBlank(buffer[i]) || buffer[i] == ByteScanning.carriageReturn
                || buffer[i] == ByteScanning.lineFeed { i -= 1 }
            guard i >= dataStart, buffer[i] == 0x1A else { return nil }
            var start = i
            while start > dataStart, buffer[start - 1] != ByteScanning.lineFeed { start -= 1 }
            while start < i, isBlank(buffer[start]) { start += 1 }
            if buffer[start] == ByteScanning.hash { return nil }
            return dataLine + ByteScanning.lineFeeds(buffer.baseAddress!, from: dataStart, to: i)
        }
    }

    /// `error`, with a pointer to the end-of-file mark when it is on the mark's line and does
    /// not name it already (a mark after a quoted field, say).
    private func withEndOfFileMarkHint(_ error: DataError) -> DataError {
        guard let line = endOfFileMarkLine(), error.line == line, !error.message.contains("0x1A") else { return error }
        var hinted = error
        hinted.message += "; the line ends with a DOS end-of-file mark (Ctrl-Z, byte 0x1A): delete it"
        return hinted
    }

    /// The fast path, or `nil` when the input needs the table path.
    func fastObservations(
        x: String, y: String, series: String?, kind: ObservationKind, chunkCount: Int?, workers: Int? = nil
    ) -> ObservationSet? {
        guard let xIndex = columnNames.firstIndex(of: x),
              let yIndex = columnNames.firstIndex(of: y),
              xIndex != yIndex
        else { return nil }
        var seriesIndex = -1
        if let series {
            guard let index = columnNames.firstIndex(of: series), index != xIndex, index != yIndex else { return nil }
            seriesIndex = index
        }
        let groups = storage.withUnsafeBufferPointer { buffer -> [Series]? in
            let scanner = SeriesScanner(
                bytes: buffer.baseAddress!, count: buffer.count, width: columnNames.count,
                x: xIndex, y: yIndex, series: seriesIndex, adoption: kind == .adoption)
            return scanner.read(dataStart: dataStart, dataLine: dataLine, chunkCount: chunkCount, workers: workers)
        }
        guard let groups else { return nil }
        return ObservationSet(
            source: source, xColumn: x, yColumn: y, seriesColumn: series, series: groups, xLabels: nil)
    }
}
