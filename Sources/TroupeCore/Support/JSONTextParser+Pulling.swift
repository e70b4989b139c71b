/// Reading JSON member by member: the caller takes the values it wants as Swift values and the
/// parser skips the rest — validated by the same rules as `parse`, but never built. A text this
/// refuses is a text `parse` refuses, and the reverse.
extension JSONTextParser {
    /// What `body` reads from the one JSON value in `bytes`, which must have only whitespace around
    /// it. `body` reads that value with one of the `read…` methods or `forEach…`.
    package static func pull<Result>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (inout JSONTextParser) throws -> Result
    ) throws -> Result {
        var parser = JSONTextParser(bytes)
        parser.skipWhitespace()
        let start = parser.index
        let result = try body(&parser)
        if parser.index == start { try parser.skipValue() }
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.failure("text after the value") }
        return result
    }

    /// What `body` reads from the one JSON value in `text` (its own UTF-8, not copied).
    package static func pull<Result>(_ text: String, _ body: (inout JSONTextParser) throws -> Result) throws -> Result {
        var text = text
        return try text.withUTF8 { try pull($0, body) }
    }

    /// Calls `body` with each member's name and the parser at its value, if the value here is an
    /// object (a value of another kind is skipped). `body` reads the value or leaves it, and a
    /// value it leaves is skipped. Names come in the text's order, repeats included.
    package mutating func forEachMember(_ body: (String, inout JSONTextParser) throws -> Void) throws {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return try skipValue() }
        try enter()
        defer { depth -= 1 }
        index += 1
        skipWhitespace()
        while true {
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {  // empty, or after a trailing comma
                index += 1
                return
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("a member name should be here") }
            let name = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("':' should follow a member name") }
            index += 1
            skipWhitespace()
            let valueStart = index
            try body(name, &self)
            if index == valueStart { try skipValue() }
            skipWhitespace()
            guard index < bytes.count else { throw failure("the text ends inside an object") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                index += 1
                return
            default:
                throw failure("',' or '}' should follow a member")
            }
        }
    }

    /// Calls `body` with the parser at each element, if the value here is an array (a value of
    /// another kind is skipped); an element `body` leaves is skipped.
    package mutating func forEachElement(_ body: (inout JSONTextParser) throws -> Void) throws {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return try skipValue() }
        try enter()
        defer { depth -= 1 }
        index += 1
        skipWhitespace()
        while true {
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {  // empty, or after a trailing comma
                index += 1
                return
            }
            let elementStart = index
            try body(&self)
            if index == elementStart { try skipValue() }
            skipWhitespace()
            guard index < bytes.count else { throw failure("the text ends inside an array") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                index += 1
                return
            default:
                throw failure("',' or ']' should follow an element")
            }
        }
    }

    /// The value here as a tree.
    package mutating func readValue() throws -> JSONValue {
        try value()
    }

    /// The string here; nil (the value skipped) if the value is of another kind.
    package mutating func readString() throws -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        return try string()
    }

    /// The number here as an `Int`, by `JSONValue.intValue`'s rules; nil (the value skipped) if
    /// the value is not a number.
    package mutating func readInt() throws -> Int? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "-") || isDigit(bytes[index]) else {
            try skipValue()
            return nil
        }
        return JSONValue.number(try number()).intValue
    }

    /// The boolean here; nil (the value skipped) if the value is of another kind.
    package mutating func readBool() throws -> Bool? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "t") || bytes[index] == UInt8(ascii: "f") else {
            try skipValue()
            return nil
        }
        return try decodeBool()
    }

    /// Passes over the value here, checking it as `parse` would.
    package mutating func skipValue() throws {
        guard index < bytes.count else { throw failure("the text ends where a value should be") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try forEachMember { _, _ in }
        case UInt8(ascii: "["): try forEachElement { _ in }
        case UInt8(ascii: "\""): try skipString()
        default: _ = try value()
        }
    }

    /// Passes over a string from its opening quote, checking it as `string()` would without
    /// making it: escapes decoded and dropped, UTF-8 checked once over the whole text if it is not
    /// all ASCII (escapes are ASCII, so a run cut by one is invalid either way).
    private mutating func skipString() throws {
        index += 1
        let start = index
        var ascii = true
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                if !ascii {
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    guard String(decoding: raw, as: UTF8.self).utf8.elementsEqual(raw) else {
                        throw failure("invalid UTF-8 in a string")
                    }
                }
                index += 1
                return
            case UInt8(ascii: "\\"):
                index += 1
                _ = try escape()
            case 0x00..<0x20:
                throw failure("a control character in a string")
            case 0x80...:
                ascii = false
                index += 1
            default:
                index += 1
            }
        }
        throw failure("the text ends inside a string")
    }
}
