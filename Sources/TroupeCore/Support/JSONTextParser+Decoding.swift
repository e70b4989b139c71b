/// Reading values the way `JSONDecoder` decodes them: a value of the wrong kind is an error, not
/// skipped (as the pulling readers do). Used by `JSONPullDecodable` types, whose readers must
/// either give what `JSONDecoder` gives or throw — so anything read differently (a repeated
/// member, a whole number written as `1.0`) throws here, and `JSONDecoder` reads it instead.
extension JSONTextParser {
    /// Thrown where this reading might differ from `JSONDecoder`'s.
    func notDecodable(_ reason: String) -> Failure {
        failure("read by JSONDecoder instead: \(reason)")
    }

    /// Calls `body` with each member of the object here; throws if it is not an object or a
    /// member name repeats (`JSONDecoder` keeps the first, the pulling reader the last).
    mutating func decodeMembers(_ body: (String, inout JSONTextParser) throws -> Void) throws {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw notDecodable("not an object") }
        var seen = Set<String>()
        try forEachMember { name, parser in
            guard seen.insert(name).inserted else { throw parser.notDecodable("the member \(name) repeats") }
            try body(name, &parser)
        }
    }

    /// Whether the value here is `null`, passed over if it is (`decodeIfPresent` reads it as absent).
    mutating func decodeNull() throws -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "n") else { return false }
        _ = try literal("null", .null)
        return true
    }

    /// The string here.
    mutating func decodeString() throws -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw notDecodable("not a string") }
        return try string()
    }

    /// The boolean here.
    mutating func decodeBool() throws -> Bool {
        switch index < bytes.count ? bytes[index] : 0 {
        case UInt8(ascii: "t"):
            _ = try literal("true", .bool(true))
            return true
        case UInt8(ascii: "f"):
            _ = try literal("false", .bool(false))
            return false
        default: throw notDecodable("not a boolean")
        }
    }

    /// A whole number written without a fraction or exponent, within `Int`'s range.
    mutating func decodeInt() throws -> Int {
        let start = index
        guard index < bytes.count, bytes[index] == UInt8(ascii: "-") || isDigit(bytes[index]) else {
            throw notDecodable("not a number")
        }
        _ = try number()
        let token = UnsafeBufferPointer(rebasing: bytes[start..<index])
        guard !token.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
            let value = Int(String(decoding: token, as: UTF8.self))
        else { throw notDecodable("not a plain whole number") }
        return value
    }

    /// The elements of the array here, each read by `element`.
    mutating func decodeArray<Element>(_ element: (inout JSONTextParser) throws -> Element) throws -> [Element] {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw notDecodable("not an array") }
        var elements: [Element] = []
        try forEachElement { elements.append(try element(&$0)) }
        return elements
    }

    /// What `read` reads, or nil for `null`.
    mutating func decodeOptional<Value>(_ read: (inout JSONTextParser) throws -> Value) throws -> Value? {
        try decodeNull() ? nil : read(&self)
    }
}
