/// The unkeyed container of ``CanonicalNodeEncoder``: each element becomes a node of the array.
struct CanonicalUnkeyedContainer: UnkeyedEncodingContainer {
    let array: CanonicalJSONArray
    let encoder: CanonicalNodeEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.elements.count }

    private var nextKey: CanonicalIndexKey { CanonicalIndexKey(index: count) }

    mutating func encodeNil() throws { array.elements.append(.null) }
    mutating func encode(_ value: Bool) throws { array.elements.append(.bool(value)) }
    mutating func encode(_ value: String) throws { array.elements.append(.string(value)) }
    mutating func encode(_ value: Double) throws {
        array.elements.append(try CanonicalNodeEncoder.number(value, at: codingPath + [nextKey]))
    }
    mutating func encode(_ value: Float) throws {
        array.elements.append(try CanonicalNodeEncoder.number(value, at: codingPath + [nextKey]))
    }
    mutating func encode(_ value: Int) throws { appendInteger(value) }
    mutating func encode(_ value: Int8) throws { appendInteger(value) }
    mutating func encode(_ value: Int16) throws { appendInteger(value) }
    mutating func encode(_ value: Int32) throws { appendInteger(value) }
    mutating func encode(_ value: Int64) throws { appendInteger(value) }
    mutating func encode(_ value: UInt) throws { appendInteger(value) }
    mutating func encode(_ value: UInt8) throws { appendInteger(value) }
    mutating func encode(_ value: UInt16) throws { appendInteger(value) }
    mutating func encode(_ value: UInt32) throws { appendInteger(value) }
    mutating func encode(_ value: UInt64) throws { appendInteger(value) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        array.elements.append(try CanonicalNodeEncoder.node(for: value, parent: encoder, key: nextKey))
    }

    private func appendInteger(_ value: some FixedWidthInteger) {
        array.elements.append(.number(value.description))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = CanonicalJSONObject()
        let key = nextKey
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(
            CanonicalKeyedContainer<NestedKey>(object: nested, encoder: CanonicalNodeEncoder(parent: encoder, key: key)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = CanonicalJSONArray()
        let key = nextKey
        array.elements.append(.array(nested))
        return CanonicalUnkeyedContainer(array: nested, encoder: CanonicalNodeEncoder(parent: encoder, key: key))
    }

    mutating func superEncoder() -> any Encoder {
        let child = CanonicalNodeEncoder(parent: encoder, key: nextKey)
        array.elements.append(.deferred(child))
        return child
    }
}
