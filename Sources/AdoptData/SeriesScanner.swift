/// The fast path from CSV records to series: parses the data records in chunks on all cores,
/// converting only the x, y and series columns, and groups the rows by the series column's
/// bytes without making a `String` per cell.
///
/// Chunks start after a line feed. A chunk could start inside a quoted field that spans
/// lines, so each chunk reports whether it ends inside one: the first chunk starts at a
/// record, and if no chunk but the last ends inside a quoted field, every chunk started at a
/// record. Otherwise the input is scanned again as one chunk.
///
/// It handles the ordinary case only: numeric x, valid y, non-blank ASCII series names, no
/// `""` escape in those three columns, no duplicate x in a series (for adoption data). For
/// anything else — including every error — `read` returns `nil` and the caller takes the
/// table path, whose result (or first error in file order) is then the answer. What `read`
/// returns is exactly what the table path returns for the same input, whatever the number of
/// chunks.
struct SeriesScanner: @unchecked Sendable {  // reads immutable bytes only
    private let p: UnsafePointer<UInt8>
    private let n: Int
    private let width: Int
    private let xIndex: Int
    private let yIndex: Int
    /// The series column, or −1 for none (one series).
    private let seriesIndex: Int
    private let adoption: Bool

    /// Chunks are about this large, so that they balance over the cores.
    static let chunkBytes = 1 << 20
    static let maximumChunks = 256

    init(bytes: UnsafePointer<UInt8>, count: Int, width: Int, x: Int, y: Int, series: Int, adoption: Bool) {
        p = bytes
        n = count
        self.width = width
        xIndex = x
        yIndex = y
        seriesIndex = series
        self.adoption = adoption
    }

    // MARK: - The whole input

    /// The series of the records in `p[dataStart..<n]`, whose first line is `dataLine`, or `nil`
    /// when the input needs the table path.
    func read(dataStart: Int, dataLine: Int, chunkCount: Int?, workers: Int? = nil) -> [Series]? {
        let bounds = chunkBounds(from: dataStart, chunks: chunkCount ?? (n - dataStart) / Self.chunkBytes)
        let chunks = bounds.count - 1
        guard chunks > 0 else { return nil }

        // Line feeds per chunk give each chunk its first line.
        let lineFeeds = IndexedResults.collect(chunks, workers: workers) { c in
            ByteScanning.lineFeeds(p, from: bounds[c], to: bounds[c + 1])
        }
        var lineOffsets = [dataLine]
        for c in 0..<chunks - 1 { lineOffsets.append(lineOffsets[c] + lineFeeds[c]) }
        let firstLines = lineOffsets

        let scanned = IndexedResults.collect(chunks, workers: workers) { c in
            scan(from: bounds[c], to: bounds[c + 1], firstLine: firstLines[c], lineFeeds: lineFeeds[c])
        }
        var parts: [ChunkGroups] = []
        parts.reserveCapacity(chunks)
        for result in scanned {
            switch result {
            case .groups(let part): parts.append(part)
            case .endsInsideQuotes:
                // A later chunk may have started inside a quoted field: scan as one chunk.
                return chunks > 1 ? read(dataStart: dataStart, dataLine: dataLine, chunkCount: 1, workers: workers) : nil
            case .needsTable: return nil
            }
        }
        guard parts.contains(where: { !$0.keys.isEmpty }) else { return nil }  // no records
        return merge(&parts)
    }

    /// Chunk boundaries: `dataStart`, then offsets just after a line feed near each
    /// `1/chunks` of the data, then `n`.
    private func chunkBounds(from dataStart: Int, chunks: Int) -> [Int] {
        let wanted = min(max(chunks, 1), Self.maximumChunks)
        var bounds = [dataStart]
        let size = n - dataStart
        for k in 1..<wanted {
            var b = dataStart + size / wanted * k + size % wanted * k / wanted
            b = max(b, bounds.last! + 1)
            while b < n, p[b - 1] != ByteScanning.lineFeed { b += 1 }
            if b >= n { break }
            bounds.append(b)
        }
        if dataStart < n { bounds.append(n) }
        return bounds
    }

    // MARK: - One chunk

    /// What scanning a chunk gives.
    private enum ScanResult: Sendable {
        /// The chunk's records, grouped.
        case groups(ChunkGroups)
        /// The chunk ends inside a quoted field, so the next chunk did not start at a record.
        case endsInsideQuotes
        /// Something the table path must handle (or report).
        case needsTable
    }

    /// What a field scanner found.
    private enum FieldScan {
        case ok
        case invalid
        case cutByChunkEnd
    }

    /// Parses the lines in `p[start..<end]` (whole lines; the first is line `firstLine`) into
    /// groups.
    private func scan(from start: Int, to end: Int, firstLine: Int, lineFeeds: Int) -> ScanResult {
        let p = self.p
        let n = self.n
        let width = self.width
        let xIndex = self.xIndex
        let yIndex = self.yIndex
        let seriesIndex = self.seriesIndex
        var groups = ChunkGroups()
        var table = KeyTable(capacity: 256)
        var run = RunBuffer()
        defer { run.deallocate() }
        var single: [Observation] = []
        if seriesIndex < 0 { single.reserveCapacity(lineFeeds + 1) }

        // The current run: consecutive records with the same series name.
        var runGroup = -1
        var runKeyStart = 0
        var runKeyLength = -1
        var runKeyWord: UInt64 = 0
        var lastX = 0.0
        var ordered = true
        var distinct = true

        var i = start
        var line = firstLine
        var x = 0.0
        var y = 0.0
        var keyStart = 0
        var keyLength = 0
        var keyWord: UInt64 = 0
        while i < end {
            let b = p[i]
            if b <= ByteScanning.hash {  // '#', blanks, line endings, quotes: rarely at the start of a line
                // A comment after the header is recorded, which the table path does.
                if b == ByteScanning.hash { return .needsTable }
                if b == ByteScanning.space || b == ByteScanning.tab || b == ByteScanning.lineFeed
                    || b == ByteScanning.carriageReturn {
                    var j = i
                    while j < end, p[j] == ByteScanning.space || p[j] == ByteScanning.tab { j &+= 1 }
                    if j == end {
                        i = j
                        break
                    }
                    if p[j] == ByteScanning.lineFeed {
                        i = j &+ 1
                        line &+= 1
                        continue
                    }
                    if p[j] == ByteScanning.carriageReturn, j &+ 1 < end, p[j &+ 1] == ByteScanning.lineFeed {
                        i = j &+ 2
                        line &+= 1
                        continue
                    }
                }
            }

            // A record: exactly `width` fields, then a line ending or the end of the input.
            let recordLine = line
            var k = 0
            while true {
                if i < end, p[i] == ByteScanning.quote {
                    var content = (start: 0, end: 0, escaped: false)
                    switch Self.quotedField(p, &i, end, n, &line, content: &content) {
                    case .ok: break
                    case .invalid: return .needsTable
                    case .cutByChunkEnd: return .endsInsideQuotes
                    }
                    if k == xIndex || k == yIndex {
                        guard !content.escaped, let value = Self.exactNumber(p, content.start, content.end) else {
                            return .needsTable
                        }
                        if k == xIndex { x = value } else { y = value }
                    } else if k == seriesIndex {
                        guard !content.escaped, Self.isASCII(p, content.start, content.end) else { return .needsTable }
                        keyStart = content.start
                        keyLength = content.end &- content.start
                        keyWord = Self.shortWord(p, keyStart, keyLength)
                    }
                } else if k == xIndex || k == yIndex {
                    guard let value = Self.number(p, &i, end) else { return .needsTable }
                    if k == xIndex { x = value } else { y = value }
                } else if k == seriesIndex {
                    keyStart = i
                    guard Self.asciiField(p, &i, end, word: &keyWord) else { return .needsTable }
                    keyLength = i &- keyStart
                } else {
                    guard Self.field(p, &i, end) else { return .needsTable }
                }
                if k == width &- 1 { break }
                guard i < end, p[i] == ByteScanning.comma else { return .needsTable }  // too few fields, or a bare CR
                i &+= 1
                k &+= 1
            }
            if i < end {
                if p[i] == ByteScanning.lineFeed {
                    i &+= 1
                } else if p[i] == ByteScanning.carriageReturn, i &+ 1 < end, p[i &+ 1] == ByteScanning.lineFeed {
                    i &+= 2
                } else {
                    return .needsTable  // too many fields, or a bare CR
                }
            }
            line &+= 1
            if adoption && y < 0 || !ObservationSet.isFittable(y) { return .needsTable }

            if seriesIndex < 0 {
                if !single.isEmpty {
                    if x < lastX { ordered = false }
                    if !(x > lastX) { distinct = false }
                }
                lastX = x
                single.append(Observation(x: x, y: y, line: recordLine))
                continue
            }

            let sameKey = keyLength == runKeyLength
                && (keyLength < 8 ? keyWord == runKeyWord : ByteScanning.equalBytes(p, keyStart, runKeyStart, length: keyLength))
            if sameKey {
                if x < lastX { ordered = false }
                if !(x > lastX) { distinct = false }
            } else {
                if runGroup >= 0 {
                    groups.add(run.rows, to: runGroup, ordered: ordered, distinct: distinct)
                }
                run.removeAll()
                ordered = true
                distinct = true
                let hash = ByteScanning.hashBytes(p, start: keyStart, length: keyLength)
                runGroup = table.findOrInsert(hash: hash, start: keyStart, length: keyLength, in: p, keys: &groups.keys)
                if runGroup == groups.names.count {
                    // A name's first record in the chunk: a blank name is an error for the table path.
                    var blank = true
                    for j in keyStart..<keyStart &+ keyLength where p[j] != ByteScanning.space && p[j] != ByteScanning.tab {
                        blank = false
                        break
                    }
                    if blank { return .needsTable }
                    // Made here, while the bytes are in cache.
                    groups.names.append(
                        String(decoding: UnsafeBufferPointer(start: p + keyStart, count: keyLength), as: UTF8.self))
                }
                runKeyStart = keyStart
                runKeyLength = keyLength
                runKeyWord = keyWord
            }
            lastX = x
            run.append(RunRow(x: x, y: y, line: recordLine))
        }
        if seriesIndex < 0 {
            if !single.isEmpty {
                groups.keys.append(KeyTable.Key(start: 0, length: 0, hash: 0))
                groups.names.append(nil)
                groups.observations.append(single)
                groups.ordered.append(ordered)
                groups.distinct.append(distinct)
            }
        } else if runGroup >= 0 {
            groups.add(run.rows, to: runGroup, ordered: ordered, distinct: distinct)
        }
        return .groups(groups)
    }

    /// Steps over an unquoted field; false if it holds a quote or invalid UTF-8.
    @inline(__always)
    private static func field(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int) -> Bool {
        var j = i
        while j < end {
            let b = p[j]
            if b > ByteScanning.quote, b != ByteScanning.comma, b < 0x80 {
                j &+= 1
                continue
            }
            if b >= 0x80 {
                let length = ByteScanning.multibyteLength(p, at: j, end: end)
                if length == 0 { return false }
                j &+= length
                continue
            }
            if b == ByteScanning.comma || b == ByteScanning.lineFeed || b == ByteScanning.carriageReturn { break }
            if b == ByteScanning.quote { return false }
            j &+= 1
        }
        i = j
        return true
    }

    /// Steps over the quoted field whose opening quote is at `i`, counting the line feeds in it
    /// in `line`, and gives the range of its content (between the quotes) and whether that holds
    /// `""` escapes. `.cutByChunkEnd` when the chunk ends first (`.invalid` at the end of the
    /// input: the quote is never closed), `.invalid` for invalid UTF-8 or anything but a comma
    /// or a line ending after the closing quote.
    @inline(never)
    private static func quotedField(
        _ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ n: Int, _ line: inout Int,
        content: inout (start: Int, end: Int, escaped: Bool)
    ) -> FieldScan {
        var j = i &+ 1
        content.start = j
        content.escaped = false
        while true {
            guard j < end else { return end == n ? .invalid : .cutByChunkEnd }
            let b = p[j]
            if b == ByteScanning.quote {
                if j &+ 1 < end, p[j &+ 1] == ByteScanning.quote {
                    content.escaped = true
                    j &+= 2
                    continue
                }
                break
            }
            if b < 0x80 {
                if b == ByteScanning.lineFeed { line &+= 1 }
                j &+= 1
            } else {
                let length = ByteScanning.multibyteLength(p, at: j, end: end)
                if length == 0 { return .invalid }
                j &+= length
            }
        }
        content.end = j
        j &+= 1
        if j < end, p[j] != ByteScanning.comma, p[j] != ByteScanning.lineFeed, p[j] != ByteScanning.carriageReturn {
            return .invalid
        }
        i = j
        return .ok
    }

    /// Whether `p[start..<end]` is all ASCII.
    private static func isASCII(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        for k in start..<end where p[k] >= 0x80 { return false }
        return true
    }

    /// The bytes `p[start..<start + length]`, zero-padded, when `length` is below 8.
    private static func shortWord(_ p: UnsafePointer<UInt8>, _ start: Int, _ length: Int) -> UInt64 {
        guard length < 8 else { return 0 }
        var word: UInt64 = 0
        for k in 0..<length { word |= UInt64(p[start &+ k]) << UInt64(truncatingIfNeeded: 8 &* k) }
        return word
    }

    /// Steps over an unquoted field of ASCII text; false if it holds a quote or any other byte.
    /// A field shorter than eight bytes is also returned in `word` (its bytes, zero-padded), so
    /// that it compares in one instruction.
    @inline(__always)
    private static func asciiField(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, word: inout UInt64) -> Bool {
        if end &- i >= 8 {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            let stops = ByteScanning.delimitersOrSpecialBytes(w)
            if stops != 0 {
                let length = stops.trailingZeroBitCount >> 3
                let stop = p[i &+ length]
                if stop >= 0x80 || stop == ByteScanning.quote { return false }
                word = length == 0 ? 0 : w & (UInt64.max >> UInt64(truncatingIfNeeded: 64 &- 8 &* length))
                i &+= length
                return true
            }
        }
        // Near the chunk's end or past the first eight bytes: the general field scan, then ASCII only.
        var j = i
        guard field(p, &j, end), isASCII(p, i, j) else { return false }
        word = shortWord(p, i, j &- i)
        i = j
        return true
    }

    /// Parses an unquoted numeric field at `i` exactly as `NumberParsing.parse` does and steps
    /// over it; `nil` if the field is not a finite number (or not a valid field).
    ///
    /// Plain decimals of at most 19 digits whose value Clinger's fast path covers are converted
    /// here, with the very operations `NumberParsing.parse` uses for them; everything else
    /// (exponents, surrounding spaces, long mantissas) goes to `NumberParsing.parse`.
    ///
    /// Transparent, so inlined whatever its caller's size: `scan` is too large for the
    /// optimizer to inline an `@inline(__always)` function into it, and a call per numeric field
    /// would be a measurable share of the scan.
    @_transparent
    private static func number(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int) -> Double? {
        var j = i
        var negative = false
        if j < end, p[j] == UInt8(ascii: "-") || p[j] == UInt8(ascii: "+") {
            negative = p[j] == UInt8(ascii: "-")
            j &+= 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        scanDigits(p, &j, end, &mantissa, &digits)
        var fractionDigits = 0
        if j < end, p[j] == UInt8(ascii: ".") {
            j &+= 1
            let integerDigits = digits
            scanDigits(p, &j, end, &mantissa, &digits)
            fractionDigits = digits &- integerDigits
        }
        if digits > 0, digits <= 19, mantissa <= 1 << 53, fractionDigits <= 22,
           j == end || p[j] == ByteScanning.comma || p[j] == ByteScanning.lineFeed
            || p[j] == ByteScanning.carriageReturn {
            i = j
            var value = Double(mantissa)
            if fractionDigits > 0 { value /= NumberParsing.exactPowerOfTen(fractionDigits) }
            return negative ? -value : value
        }
        let start = i
        guard field(p, &i, end) else { return nil }
        return exactNumber(p, start, i)
    }

    /// `p[start..<end]` parsed by `NumberParsing.parse`; `nil` if it is not a finite number.
    @inline(never)
    private static func exactNumber(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        switch NumberParsing.parse(UnsafeBufferPointer(start: p + start, count: end - start)) {
        case .success(let value): return value
        case .failure: return nil
        }
    }

    /// Reads the decimal digits at `j` into `mantissa` (as `mantissa · 10^k + digits`) and
    /// counts them in `digits`, eight at a time where eight bytes are left. Past 19 digits in
    /// all it stops and sets `digits` to 20, which sends the field to the exact parser.
    @inline(__always)
    private static func scanDigits(
        _ p: UnsafePointer<UInt8>, _ j: inout Int, _ end: Int, _ mantissa: inout UInt64, _ digits: inout Int
    ) {
        while end &- j >= 8 {
            let word = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
            let k = leadingDigits(word)
            if k == 0 { return }
            if digits &+ k > 19 {
                digits = 20
                return
            }
            mantissa = mantissa &* powerOfTen(k) &+ digitsValue(word, count: k)
            digits &+= k
            j &+= k
            if k < 8 { return }
        }
        while j < end {
            let d = p[j] &- 0x30
            if d > 9 { return }
            if digits >= 19 {
                digits = 20
                return
            }
            mantissa = mantissa &* 10 &+ UInt64(d)
            digits &+= 1
            j &+= 1
        }
    }

    /// How many of the eight bytes of `word` (in memory order) are ASCII digits before the first
    /// byte that is not.
    @inline(__always)
    static func leadingDigits(_ word: UInt64) -> Int {
        // A byte is a digit when its high nibble is 3 and adding 6 leaves it 3 (low nibble ≤ 9).
        // A carry out of a byte only reaches later bytes, after the first non-digit.
        let high = word & 0xF0F0_F0F0_F0F0_F0F0
        let shifted = ((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4
        let nonDigits = (high | shifted) ^ 0x3333_3333_3333_3333
        return nonDigits.trailingZeroBitCount >> 3
    }

    /// The value of the first `count` (1...8) bytes of `word`, which are ASCII digits, the first
    /// byte the most significant.
    @inline(__always)
    static func digitsValue(_ word: UInt64, count: Int) -> UInt64 {
        // Shifting the digits to the top leaves leading zeros below them; then pairs, quads, octets.
        var v = (word &- 0x3030_3030_3030_3030) << UInt64(truncatingIfNeeded: (8 &- count) &* 8)
        v = (v &* 10 &+ (v >> 8)) & 0x00FF_00FF_00FF_00FF
        v = (v &* 100 &+ (v >> 16)) & 0x0000_FFFF_0000_FFFF
        v = (v &* 10000 &+ (v >> 32)) & 0xFFFF_FFFF
        return v
    }

    /// 10^k for 0 ≤ k ≤ 8.
    @inline(__always)
    static func powerOfTen(_ k: Int) -> UInt64 {
        switch k {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1000
        case 4: 10000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        default: 100_000_000
        }
    }

    // MARK: - Merging the chunks

    /// Joins the chunks' groups into series in order of first appearance, each sorted by x;
    /// `nil` if a series has a duplicate x (adoption data).
    private func merge(_ parts: inout [ChunkGroups]) -> [Series]? {
        // Each (chunk, local group) is a piece of one series. Series in order of first
        // appearance: each starts with a piece whose name no earlier piece has. Later pieces of
        // a series (rare: a series cut by a chunk boundary, or records of a series far apart)
        // are listed by series. Every chunk's keys are ranges of `p`; without a series column
        // each chunk with records has one piece with the same empty key, so all join one series.
        let pieceCount = parts.reduce(0) { $0 + $1.keys.count }
        var table = KeyTable(capacity: pieceCount)
        var keys: [KeyTable.Key] = []
        keys.reserveCapacity(pieceCount)
        var firstPieces: [(chunk: Int32, local: Int32)] = []
        firstPieces.reserveCapacity(pieceCount)
        var laterPieces: [Int: [(chunk: Int, local: Int)]] = [:]
        for c in parts.indices {
            for l in parts[c].keys.indices {
                let key = parts[c].keys[l]
                let s = table.findOrInsert(hash: key.hash, start: key.start, length: key.length, in: p, keys: &keys)
                if s == firstPieces.count {
                    firstPieces.append((Int32(c), Int32(l)))
                } else {
                    laterPieces[s, default: []].append((c, l))
                }
            }
        }

        var series: [Series] = []
        series.reserveCapacity(firstPieces.count)
        for (s, (c32, l32)) in firstPieces.enumerated() {
            let (c, l) = (Int(c32), Int(l32))
            // Arrays are moved, never copied: their headers are scattered and mostly out of cache.
            var observations: [Observation] = []
            swap(&observations, &parts[c].observations[l])
            var ordered = parts[c].ordered[l]
            var distinct = parts[c].distinct[l]
            if let later = laterPieces[s] {
                for (c, l) in later {
                    var more: [Observation] = []
                    swap(&more, &parts[c].observations[l])
                    let last = observations[observations.count - 1].x
                    ordered = ordered && parts[c].ordered[l] && last <= more[0].x
                    distinct = distinct && parts[c].distinct[l] && last < more[0].x
                    observations.append(contentsOf: more)
                }
            }
            if !ordered {
                observations.sort { Observation.precedes(($0.x, $0.line), ($1.x, $1.line)) }
                distinct = !zip(observations, observations.dropFirst()).contains { $0.x == $1.x }
            }
            if adoption && !distinct { return nil }
            // Two-digit years across 2000 are refused by the table path, which sees how they are written.
            if Observation.centuryGap(count: observations.count, x: { observations[$0].x }) != nil { return nil }
            series.append(Series(name: parts[c].names[l], observations: consume observations))
        }
        return series
    }
}

/// A record of a run of consecutive records with the same series name.
private struct RunRow {
    var x: Double
    var y: Double
    var line: Int
}

/// The records of the current run, in a buffer reused from run to run.
private struct RunBuffer {
    private var base = UnsafeMutablePointer<RunRow>.allocate(capacity: 64)
    private var capacity = 64
    private var count = 0

    var rows: UnsafeBufferPointer<RunRow> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ row: RunRow) {
        if count == capacity {
            let larger = UnsafeMutablePointer<RunRow>.allocate(capacity: 2 * capacity)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }
        (base + count).initialize(to: row)
        count &+= 1
    }

    mutating func removeAll() {
        count = 0  // RunRow is trivial: nothing to deinitialize
    }

    func deallocate() {
        base.deallocate()
    }
}

/// One chunk's rows grouped by series name, groups in order of first appearance in the chunk.
private struct ChunkGroups: Sendable {
    /// Each group's series name (a range of the input) and its hash.
    var keys: [KeyTable.Key] = []
    /// Each group's series name as text (`nil` without a series column).
    var names: [String?] = []
    /// Each group's observations, in file order.
    var observations: [[Observation]] = []
    /// Whether each group's x values never decrease, and always increase, in file order.
    var ordered: [Bool] = []
    var distinct: [Bool] = []

    /// Appends a run's rows to `group`: a new group when it is the next index, else an earlier one.
    mutating func add(_ run: UnsafeBufferPointer<RunRow>, to group: Int, ordered runOrdered: Bool, distinct runDistinct: Bool) {
        if group == observations.count {
            observations.append([Observation](unsafeUninitializedCapacity: run.count) { buffer, initialized in
                for k in run.indices {
                    (buffer.baseAddress! + k).initialize(to: Observation(x: run[k].x, y: run[k].y, line: run[k].line))
                }
                initialized = run.count
            })
            ordered.append(runOrdered)
            distinct.append(runDistinct)
        } else {
            let last = observations[group][observations[group].count - 1].x
            let first = run[0].x
            ordered[group] = ordered[group] && runOrdered && last <= first
            distinct[group] = distinct[group] && runDistinct && last < first
            observations[group].append(contentsOf: run.lazy.map { Observation(x: $0.x, y: $0.y, line: $0.line) })
        }
    }
}

/// An open-addressing hash table from byte strings of the input to their index in a key list.
struct KeyTable {
    /// A key: a range of the input and its hash.
    struct Key: Sendable {
        var start: Int
        var length: Int
        var hash: UInt64
    }

    /// Slots of `(high 32 bits of the hash) << 32 | (index + 1)`, 0 for an empty slot, so that
    /// most probes never look at the key list; the count is a power of two.
    private var slots: [UInt64]

    /// A table sized for about `capacity` keys before it grows.
    init(capacity: Int = 0) {
        var size = 64
        while size < 2 * capacity { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// The index in `keys` of the bytes `p[start..<start + length]` (whose hash is `hash`),
    /// appending them to `keys` if they are not there yet.
    @inline(__always)
    mutating func findOrInsert(
        hash: UInt64, start: Int, length: Int, in p: UnsafePointer<UInt8>, keys: inout [Key]
    ) -> Int {
        if 2 * keys.count >= slots.count { rehash(keys) }
        let mask = slots.count &- 1
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var s = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[s]
            if slot == 0 {
                slots[s] = tag | UInt64(keys.count &+ 1)
                keys.append(Key(start: start, length: length, hash: hash))
                return keys.count &- 1
            }
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
                let g = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) &- 1
                let key = keys[g]
                if key.hash == hash, key.length == length, ByteScanning.equalBytes(p, key.start, start, length: length) {
                    return g
                }
            }
            s = (s &+ 1) & mask
        }
    }

    private mutating func rehash(_ keys: [Key]) {
        slots = [UInt64](repeating: 0, count: 2 * slots.count)
        let mask = slots.count - 1
        for (g, key) in keys.enumerated() {
            var s = Int(truncatingIfNeeded: key.hash) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = key.hash & 0xFFFF_FFFF_0000_0000 | UInt64(g + 1)
        }
    }
}
