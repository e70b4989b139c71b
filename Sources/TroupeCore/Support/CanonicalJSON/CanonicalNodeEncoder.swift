import Foundation

/// The `Encoder` handed to each value ``CanonicalJSONEncoder`` encodes: it records what the
/// value writes as a ``CanonicalJSONNode``. Its coding path is worked out only when an error
/// needs it, from the chain of encoders above it.
final class CanonicalNodeEncoder: Encoder {
    private(set) var node: CanonicalJSONNode?
    private let parent: CanonicalNodeEncoder?
    private let key: (any CodingKey)?

    init(parent: CanonicalNodeEncoder?, key: (any CodingKey)?) {
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path = parent?.codingPath ?? []
        if let key { path.append(key) }
        return path
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The node for `value`: Foundation's types `JSONEncoder` writes in a form of its own first,
    /// then whatever the value's `encode(to:)` writes (an empty object if nothing).
    static func node<Value: Encodable>(for value: Value, parent: CanonicalNodeEncoder, key: (any CodingKey)?) throws
        -> CanonicalJSONNode
    {
        try node(for: value, parent: Optional(parent), key: key) ?? .object(CanonicalJSONObject())
    }

    /// The node for `value`, or nil if its `encode(to:)` wrote nothing (which only the top level
    /// refuses).
    static func node<Value: Encodable>(
        for value: Value, parent: CanonicalNodeEncoder?, key: (any CodingKey)?, direct: Bool = true
    ) throws -> CanonicalJSONNode? {
        if Value.self == String.self, let text = value as? String { return .string(text) }
        if Value.self == JSONValue.self, let json = value as? JSONValue {
            return try node(for: json, parent: parent, key: key) as CanonicalJSONNode
        }
        if Value.self == URL.self, let url = value as? URL { return .string(url.absoluteString) }
        if Value.self == Data.self, let data = value as? Data { return .string(data.base64EncodedString()) }
        if Value.self == Decimal.self, let decimal = value as? Decimal { return .number(decimal.description) }
        if direct, let writable = value as? any CanonicalJSONWritable { return .writable(writable) }
        let encoder = CanonicalNodeEncoder(parent: parent, key: key)
        try value.encode(to: encoder)
        return encoder.node
    }

    /// A ``JSONValue`` read straight into nodes — the bulk of tool schemas and arguments —
    /// giving what its `encode(to:)` would.
    private static func node(for json: JSONValue, parent: CanonicalNodeEncoder?, key: (any CodingKey)?) throws
        -> CanonicalJSONNode
    {
        switch json {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value): return try number(value, at: CanonicalNodeEncoder(parent: parent, key: key).codingPath)
        case .string(let value): return .string(value)
        case .array(let elements):
            let array = CanonicalJSONArray()
            array.elements.reserveCapacity(elements.count)
            for element in elements { array.elements.append(try node(for: element, parent: parent, key: key)) }
            return .array(array)
        case .object(let members):
            let object = CanonicalJSONObject()
            object.keys.reserveCapacity(members.count)
            object.values.reserveCapacity(members.count)
            for (name, member) in members { object.set(name, try node(for: member, parent: parent, key: key)) }
            return .object(object)
        }
    }

    static func number<Number: BinaryFloatingPoint & CustomStringConvertible>(
        _ value: Number, at path: @autoclosure () -> [any CodingKey]
    ) throws -> CanonicalJSONNode {
        .number(try numberText(value, at: path()))
    }

    /// A finite number as `JSONEncoder` writes it: its `description` without a trailing `.0`.
    static func numberText<Number: BinaryFloatingPoint & CustomStringConvertible>(
        _ value: Number, at path: @autoclosure () -> [any CodingKey]
    ) throws -> String {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(
                    codingPath: path(), debugDescription: "Unable to encode \(Number.self).\(value) directly in JSON."))
        }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let object) = node {
            return KeyedEncodingContainer(CanonicalKeyedContainer(object: object, encoder: self))
        }
        let object = CanonicalJSONObject()
        node = .object(object)
        return KeyedEncodingContainer(CanonicalKeyedContainer(object: object, encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let array) = node { return CanonicalUnkeyedContainer(array: array, encoder: self) }
        let array = CanonicalJSONArray()
        node = .array(array)
        return CanonicalUnkeyedContainer(array: array, encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { CanonicalSingleValueContainer(encoder: self) }

    /// Sets the value a single-value container writes.
    func set(_ value: CanonicalJSONNode) { node = value }
}
