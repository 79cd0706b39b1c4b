// How the records become JSON: every record's encoding is the synthesized one, and every key
// is always there, an absent value written as null (`Nullable`, and `OutOfLine`, which encodes
// as null too), so the JSON's shape is the same whatever the options and the fits. Numbers
// that are not finite are absent values (`finite`).

/// An optional written as `null` when absent, instead of being left out: a pipeline reading
/// `std_error` finds the key whether or not the parameter is identified, and every row of a
/// tidy table carries every column.
@propertyWrapper
public struct Nullable<Value: Sendable & Equatable & Codable>: Sendable, Equatable, Codable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = c.decodeNil() ? nil : try c.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value = wrappedValue { try c.encode(value) } else { try c.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as an absent value, as it does for a plain optional.
    public func decode<Value>(_ type: Nullable<Value>.Type, forKey key: Key) throws -> Nullable<Value> {
        Nullable(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
    }
}

/// An optional value kept out of line: it costs a record one pointer instead of the value's size
/// (a report holds a record per series, and 100,000 series are a common run).
@propertyWrapper
public struct OutOfLine<Value: Sendable & Equatable>: Sendable, Equatable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box?

    public init(wrappedValue: Value?) {
        box = wrappedValue.map(Box.init)
    }

    public var wrappedValue: Value? {
        get { box?.value }
        set { box = newValue.map(Box.init) }
    }

    public static func == (a: Self, b: Self) -> Bool { a.wrappedValue == b.wrappedValue }
}

extension OutOfLine: Codable where Value: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        self.init(wrappedValue: c.decodeNil() ? nil : try c.decode(Value.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value = wrappedValue { try c.encode(value) } else { try c.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as an absent value, as it does for a plain optional.
    public func decode<Value: Codable>(_ type: OutOfLine<Value>.Type, forKey key: Key) throws -> OutOfLine<Value> {
        OutOfLine(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
    }
}


/// Non-finite numbers become nil: JSON has no NaN, and a missing value is the honest report.
@inline(__always)
/// Its zero unsigned: a report writes −0 (a cell "-0", an estimate rounded to zero from below) as 0, in
/// every format alike.
func finite(_ x: Double) -> Double? { x.isFinite ? x + 0 : nil }
