/// A type that writes its canonical JSON straight into the writer, skipping `Codable`'s
/// containers and the node tree: for the values encoded on every model call (the request, for
/// its hash and its transcript line). What it writes must be byte for byte what its
/// `encode(to:)` gives through ``CanonicalJSONEncoder`` — members in the UTF-8 order of their
/// keys, absent optionals left out — which `CanonicalJSONEncoderTests` checks against
/// `JSONEncoder` on random values of each conforming type.
protocol CanonicalJSONWritable: Encodable {
    /// Writes this value as one JSON value.
    func write(to json: inout CanonicalJSONWriter) throws
}

extension CanonicalJSONWriter {
    /// Opens an object; members follow with ``member(_:)``, in key order. Refused past the
    /// depth `JSONEncoder` refuses, counted from the node this value was written at.
    mutating func beginObject() throws {
        try open()
        bytes.append(UInt8(ascii: "{"))
    }

    mutating func endObject() {
        openDepth -= 1
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func open() throws {
        openDepth += 1
        guard openDepth < Self.maximumDepth else { throw CanonicalJSONEncoder.tooDeep }
    }

    /// Writes `"key":` (after a comma unless it is the object's first member).
    mutating func member(_ key: StaticString) {
        if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func string(_ text: String) {
        writeString(text)
    }

    /// Writes `true` or `false`.
    mutating func boolean(_ value: Bool) {
        string(unquoted: value ? "true" : "false")
    }

    mutating func integer(_ value: Int) {
        var text = value.description
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func double(_ value: Double) throws {
        string(unquoted: try CanonicalNodeEncoder.numberText(value, at: []))
    }

    mutating func strings(_ elements: [String]) throws {
        try open()
        defer { openDepth -= 1 }
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func value(_ value: some CanonicalJSONWritable) throws {
        try value.write(to: &self)
    }

    mutating func array(_ elements: [some CanonicalJSONWritable]) throws {
        try open()
        defer { openDepth -= 1 }
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            try element.write(to: &self)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A ``JSONValue`` written directly, objects in key order.
    mutating func json(_ value: JSONValue) throws {
        switch value {
        case .null: string(unquoted: "null")
        case .bool(let flag): boolean(flag)
        case .number(let number): try double(number)
        case .string(let text): string(text)
        case .array(let elements):
            try open()
            defer { openDepth -= 1 }
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                try json(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            try open()
            defer { openDepth -= 1 }
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted(by: { Self.compareUTF8($0, $1) < 0 }).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                string(key)
                bytes.append(UInt8(ascii: ":"))
                try json(members[key] ?? .null)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func string(unquoted text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}
