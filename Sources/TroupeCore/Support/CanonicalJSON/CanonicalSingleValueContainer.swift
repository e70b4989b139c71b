/// The single-value container of ``CanonicalNodeEncoder``: the value becomes the encoder's node.
struct CanonicalSingleValueContainer: SingleValueEncodingContainer {
    let encoder: CanonicalNodeEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.set(.null) }
    mutating func encode(_ value: Bool) throws { encoder.set(.bool(value)) }
    mutating func encode(_ value: String) throws { encoder.set(.string(value)) }
    mutating func encode(_ value: Double) throws { encoder.set(try CanonicalNodeEncoder.number(value, at: codingPath)) }
    mutating func encode(_ value: Float) throws { encoder.set(try CanonicalNodeEncoder.number(value, at: codingPath)) }
    mutating func encode(_ value: Int) throws { setInteger(value) }
    mutating func encode(_ value: Int8) throws { setInteger(value) }
    mutating func encode(_ value: Int16) throws { setInteger(value) }
    mutating func encode(_ value: Int32) throws { setInteger(value) }
    mutating func encode(_ value: Int64) throws { setInteger(value) }
    mutating func encode(_ value: UInt) throws { setInteger(value) }
    mutating func encode(_ value: UInt8) throws { setInteger(value) }
    mutating func encode(_ value: UInt16) throws { setInteger(value) }
    mutating func encode(_ value: UInt32) throws { setInteger(value) }
    mutating func encode(_ value: UInt64) throws { setInteger(value) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        encoder.set(try CanonicalNodeEncoder.node(for: value, parent: encoder, key: nil))
    }

    private func setInteger(_ value: some FixedWidthInteger) { encoder.set(.number(value.description)) }
}
