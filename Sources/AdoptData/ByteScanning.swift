/// Byte-level helpers shared by the CSV parsers: line-feed counting, UTF-8 validation, key hashing.
enum ByteScanning {
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let hash = UInt8(ascii: "#")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    /// The number of line feeds in `p[from..<to]`.
    static func lineFeeds(_ p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        let raw = UnsafeRawPointer(p)
        let feeds = SIMD16<UInt8>(repeating: lineFeed)
        var count = 0
        var k = from
        while to - k >= 16 {
            // A lane of `lanes` counts the line feeds it has seen, so at most 255 blocks at a time.
            var lanes = SIMD16<UInt8>(repeating: 0)
            var blocks = 0
            while blocks < 255, to - k >= 16 {
                let v = raw.loadUnaligned(fromByteOffset: k, as: SIMD16<UInt8>.self)
                lanes &-= unsafeBitCast(v .== feeds, to: SIMD16<UInt8>.self)  // true lanes are all ones: −1
                k += 16
                blocks += 1
            }
            for lane in 0..<16 { count += Int(lanes[lane]) }
        }
        while k < to {
            if p[k] == lineFeed { count += 1 }
            k += 1
        }
        return count
    }

    /// A word with the high bit set in each byte of `word` that is a comma, a line feed, a
    /// carriage return, a quote or not ASCII — exactly so for the lowest such byte, which is
    /// what `trailingZeroBitCount` finds (the borrows of the zero-byte test only run upwards).
    @inline(__always)
    static func delimitersOrSpecialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let commas = word ^ (ones &* UInt64(comma))
        let feeds = word ^ (ones &* UInt64(lineFeed))
        let returns = word ^ (ones &* UInt64(carriageReturn))
        let quotes = word ^ (ones &* UInt64(quote))
        let zeros = ((commas &- ones) & ~commas) | ((feeds &- ones) & ~feeds)
            | ((returns &- ones) & ~returns) | ((quotes &- ones) & ~quotes)
        return (zeros | word) & highs
    }

    /// The length of the valid multi-byte UTF-8 sequence whose lead byte is `p[i]`, ending
    /// before `n`; 0 if the sequence is invalid (bad lead byte, overlong, surrogate, beyond
    /// U+10FFFF, or cut short).
    @inline(__always)
    static func multibyteLength(_ p: UnsafePointer<UInt8>, at i: Int, end n: Int) -> Int {
        let lead = p[i]
        var length = 0
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard i + length <= n else { return 0 }
        let second = p[i + 1]
        guard second >= low && second <= high else { return 0 }
        var k = 2
        while k < length {
            guard p[i + k] & 0xC0 == 0x80 else { return 0 }
            k += 1
        }
        return length
    }

    /// A 64-bit hash of `p[start..<start + length]`.
    @inline(__always)
    static func hashBytes(_ p: UnsafePointer<UInt8>, start: Int, length: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p + start)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: length)
        var k = 0
        while length - k >= 8 {
            h = (h ^ raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            k += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while k < length {
            tail |= UInt64(p[start + k]) << shift
            shift += 8
            k += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// Whether `p[a..<a + length]` and `p[b..<b + length]` hold the same bytes.
    @inline(__always)
    static func equalBytes(_ p: UnsafePointer<UInt8>, _ a: Int, _ b: Int, length: Int) -> Bool {
        let raw = UnsafeRawPointer(p)
        var k = 0
        while length - k >= 8 {
            if raw.loadUnaligned(fromByteOffset: a + k, as: UInt64.self)
                != raw.loadUnaligned(fromByteOffset: b + k, as: UInt64.self) { return false }
            k += 8
        }
        while k < length {
            if p[a + k] != p[b + k] { return false }
            k += 1
        }
        return true
    }
}
