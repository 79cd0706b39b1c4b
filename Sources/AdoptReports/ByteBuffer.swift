/// A growable run of bytes that one renderer appends to: reports are assembled as UTF-8
/// bytes, with no `String` made per number or per line.
struct ByteBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// Empties the buffer, keeping its storage for the next use.
    mutating func removeAll() { count = 0 }

    /// The bytes appended so far.
    func withUnsafeBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(start: start, count: count))
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        storage.initialize(from: start, count: count)
        start.deallocate()
        start = storage
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (start + count).initialize(from: base, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { append($0) }
        if done == nil {
            for byte in text.utf8 { append(byte) }
        }
    }

    /// Appends a copy of bytes already in the buffer (a line's repeated part).
    mutating func appendCopy(of range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        reserve(range.count)
        (start + count).initialize(from: start + range.lowerBound, count: range.count)
        count += range.count
    }

    /// The digits of `value`, as `String(value)` prints them.
    mutating func appendInteger(_ value: Int) {
        reserve(20)
        if value < 0 {
            start[count] = UInt8(ascii: "-")
            count += 1
        }
        var rest = value.magnitude
        var digits = 1
        var scan = rest
        while scan >= 10 {
            scan /= 10
            digits += 1
        }
        var i = count + digits
        repeat {
            i -= 1
            start[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        count += digits
    }

    /// `NumberFormat.readable(x, significant:)`'s text: the numbers it takes without the C library
    /// (`NumberFormat.writeReadable`) are written straight into the buffer, without a string (a Markdown
    /// report of fits is mostly such numbers).
    mutating func appendReadable(_ x: Double?, significant: Int = 6) {
        guard let x, x != 0 else { return append(NumberFormat.readable(x, significant: significant)) }
        reserve(NumberFormat.readableRoom)
        if let written = NumberFormat.writeReadable(x, significant: significant, to: start + count) {
            count += written
        } else {
            append(NumberFormat.readableByLibrary(x, significant: significant))
        }
    }

    /// A line: `text`, then a line feed.
    mutating func appendLine(_ text: String) {
        append(text)
        append(UInt8(ascii: "\n"))
    }

    /// Drops the last `k` bytes appended.
    mutating func removeLast(_ k: Int) {
        precondition(k >= 0 && k <= count)
        count -= k
    }

    /// Bytes reserved for writing one number.
    static var numberRoom: Int { 32 }

    /// The shortest text that reads back to the same double, exactly as `NumberFormat.exact`
    /// prints it; nothing for nil.
    mutating func appendExact(_ x: Double?) {
        guard let x else { return }
        if NumberFormat.printsAsInteger(x) {
            appendInteger(Int(x))
            return
        }
        appendShortest(x)
    }

    /// The standard library's own shortest text for `x` (`x.description`), written straight into
    /// this buffer; it is at most 24 bytes.
    mutating func appendShortest(_ x: Double) {
        reserve(Self.numberRoom)
        var sink = ASCIISink(start: start + count)
        x.write(to: &sink)
        count += sink.count
    }
}

extension ByteBuffer {
    /// `count` spaces.
    mutating func appendSpaces(_ count: Int) {
        guard count > 0 else { return }
        reserve(count)
        (start + self.count).initialize(repeating: UInt8(ascii: " "), count: count)
        self.count += count
    }

    /// A JSON number as `JSONEncoder` writes a double: its shortest text (`x.description`)
    /// without a final ".0" ("2010", "-0", "1e+16", "0.95"), and `null` for nil or a number
    /// that does not exist as a double (never a string where a number belongs).
    mutating func appendJSONNumber(_ x: Double?) {
        guard let x, x.isFinite else {
            append("null")
            return
        }
        let before = count
        appendShortest(x)
        if count - before >= 2 {
            let last = withUnsafeBytes { b in (b[b.count - 2], b[b.count - 1]) }
            if last == (UInt8(ascii: "."), UInt8(ascii: "0")) { removeLast(2) }
        }
    }

    /// A JSON string as `JSONEncoder` writes it with unescaped slashes: quotes, backslashes and
    /// control characters escaped (`\n`, `\t`, `\r`, `\b`, `\f`, else `\u00xx`), every other
    /// character as its UTF-8 bytes.
    mutating func appendJSONString(_ text: String) {
        append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var run = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                append(UnsafeBufferPointer(rebasing: bytes[run..<i]))
                run = i + 1
                append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte)
                case 0x0A: append(UInt8(ascii: "n"))
                case 0x0D: append(UInt8(ascii: "r"))
                case 0x09: append(UInt8(ascii: "t"))
                case 0x08: append(UInt8(ascii: "b"))
                case 0x0C: append(UInt8(ascii: "f"))
                default:
                    append("u00")
                    append(UInt8(ascii: byte >> 4 == 0 ? "0" : "1"))
                    let low = byte & 0xF
                    append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
                }
            }
            append(UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        append(UInt8(ascii: "\""))
    }
}

/// Receives the standard library's text for one number into reserved space (`ByteBuffer.numberRoom`
/// bytes: `ByteBuffer.appendShortest`, `ShortestDigits`).
struct ASCIISink: TextOutputStream {
    let start: UnsafeMutablePointer<UInt8>
    var count = 0

    init(start: UnsafeMutablePointer<UInt8>) { self.start = start }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else { return }
        precondition(count + buffer.count <= ByteBuffer.numberRoom)
        (start + count).initialize(from: base, count: buffer.count)
        count += buffer.count
    }

    mutating func write(_ string: String) {
        for byte in string.utf8 {
            precondition(count < ByteBuffer.numberRoom)
            start[count] = byte
            count += 1
        }
    }
}
