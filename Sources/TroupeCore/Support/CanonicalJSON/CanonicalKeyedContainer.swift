/// The keyed container of ``CanonicalNodeEncoder``: each member becomes a node of the object.
struct CanonicalKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: CanonicalJSONObject
    let encoder: CanonicalNodeEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws { object.set(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.set(key.stringValue, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        object.set(key.stringValue, try CanonicalNodeEncoder.number(value, at: codingPath + [key]))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        object.set(key.stringValue, try CanonicalNodeEncoder.number(value, at: codingPath + [key]))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { setInteger(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { setInteger(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { setInteger(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { setInteger(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { setInteger(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { setInteger(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { setInteger(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { setInteger(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { setInteger(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { setInteger(value, key) }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        object.set(key.stringValue, try CanonicalNodeEncoder.node(for: value, parent: encoder, key: key))
    }

    private func setInteger(_ value: some FixedWidthInteger, _ key: Key) {
        object.set(key.stringValue, .number(value.description))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested: CanonicalJSONObject
        if case .object(let existing) = object.value(for: key.stringValue) {
            nested = existing
        } else {
            nested = CanonicalJSONObject()
            object.set(key.stringValue, .object(nested))
        }
        return KeyedEncodingContainer(
            CanonicalKeyedContainer<NestedKey>(object: nested, encoder: CanonicalNodeEncoder(parent: encoder, key: key)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested: CanonicalJSONArray
        if case .array(let existing) = object.value(for: key.stringValue) {
            nested = existing
        } else {
            nested = CanonicalJSONArray()
            object.set(key.stringValue, .array(nested))
        }
        return CanonicalUnkeyedContainer(array: nested, encoder: CanonicalNodeEncoder(parent: encoder, key: key))
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: CanonicalIndexKey.super) }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key) }

    private func superEncoder(named key: any CodingKey) -> any Encoder {
        let child = CanonicalNodeEncoder(parent: encoder, key: key)
        object.set(key.stringValue, .deferred(child))
        return child
    }
}
