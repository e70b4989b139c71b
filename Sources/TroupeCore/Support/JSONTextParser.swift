import Foundation

/// JSON text (RFC 8259) read straight from its UTF-8 bytes into a `JSONValue`: what every
/// streamed chunk of a model's reply goes through, so it avoids what `JSONSerialization` costs on
/// Linux (a Foundation object per value, then bridging). Accepts what `JSONSerialization` accepts
/// with `.fragmentsAllowed` — a top-level scalar too, and a trailing comma in an array or object —
/// and refuses the rest: raw control characters in strings, lone surrogates, invalid UTF-8,
/// leading zeros, nesting deeper than `maximumDepth`. A repeated member name keeps its last value.
/// Numbers are read correctly rounded (`JSONSerialization` misses the last bit of some).
///
/// Besides the whole tree (`parse`), a caller can pull only the members it wants and skip the rest
/// — validated as strictly, but never built (`JSONTextParser+Pulling.swift`): what the provider
/// stream decoders do for every chunk.
package struct JSONTextParser {
    /// Nesting past this is refused rather than recursed into.
    static let maximumDepth = 512

    /// Why a text is not JSON, and where.
    package struct Failure: Error, CustomStringConvertible {
        package var reason: String
        package var offset: Int
        package var description: String { "\(reason) at byte \(offset)" }
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The value `bytes` hold, which must be one JSON value with only whitespace around it.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        var parser = JSONTextParser(bytes)
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.failure("text after the value") }
        return value
    }

    func failure(_ reason: String) -> Failure {
        Failure(reason: reason, offset: index)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func value() throws -> JSONValue {
        guard index < bytes.count else { throw failure("the text ends where a value should be") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("no JSON value starts with this character")
        }
    }

    mutating func literal(_ word: StaticString, _ value: JSONValue) throws -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("the text ends inside \(word)") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw failure("not \(word)")
        }
        index += count
        return value
    }

    /// One level deeper, refused past `maximumDepth`; the caller steps back out (`depth -= 1`).
    mutating func enter() throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth)") }
    }

    private mutating func object() throws -> JSONValue {
        // Gathered first, then made a dictionary of the right size at once (no rehashing as it grows).
        var members: [(String, JSONValue)] = []
        try forEachMember { name, parser in members.append((name, try parser.value())) }
        return .object(Dictionary(members, uniquingKeysWith: { _, last in last }))
    }

    private mutating func array() throws -> JSONValue {
        var elements: [JSONValue] = []
        try forEachElement { parser in elements.append(try parser.value()) }
        return .array(elements)
    }

    /// A string from its opening quote: runs without escapes are taken as they are (validated as
    /// UTF-8), escapes decoded.
    mutating func string() throws -> String {
        index += 1
        var runStart = index
        var result = ""
        var ascii = true
        func flush(upTo end: Int) throws {
            guard end > runStart else { return }
            let run = UnsafeBufferPointer(rebasing: bytes[runStart..<end])
            // Decoding repairs invalid UTF-8 and leaves valid UTF-8 as it is: a run that comes out
            // changed was not valid. (Faster than the standard library's generic validation.)
            let text = String(decoding: run, as: UTF8.self)
            guard ascii || text.utf8.elementsEqual(run) else { throw failure("invalid UTF-8 in a string") }
            if result.isEmpty { result = text } else { result += text }
            ascii = true
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                try flush(upTo: index)
                index += 1
                return result
            case UInt8(ascii: "\\"):
                try flush(upTo: index)
                index += 1
                result.unicodeScalars.append(try escape())
                runStart = index
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

    /// The scalar an escape (after its backslash) stands for.
    mutating func escape() throws -> Unicode.Scalar {
        guard index < bytes.count else { throw failure("the text ends inside an escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexUnit()
            if (0xD800..<0xDC00).contains(unit) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure("a high surrogate without its low one")
                }
                index += 2
                let low = try hexUnit()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("a high surrogate without its low one") }
                let scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                return Unicode.Scalar(scalar)!
            }
            guard let scalar = Unicode.Scalar(UInt32(unit)) else { throw failure("a low surrogate alone") }
            return scalar
        default:
            throw failure("an unknown escape")
        }
    }

    private mutating func hexUnit() throws -> UInt16 {
        guard index + 4 <= bytes.count else { throw failure("the text ends inside a \\u escape") }
        var unit: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("a \\u escape needs four hex digits")
            }
            unit = unit << 4 | UInt16(digit)
            index += 1
        }
        return unit
    }

    /// A number, by the grammar's rules; whole numbers of up to 15 digits computed directly,
    /// others by the C library's `strtod`.
    mutating func number() throws -> Double {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("a digit should follow '-'") }
        var whole: Int64 = 0
        var digits = 0
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw failure("a number with a leading zero") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) {
                if digits < 18 { whole = whole * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
        }
        var simple = digits <= 15
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            simple = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("a digit should follow '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            simple = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("a digit should follow the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if simple { return negative ? (whole == 0 ? -0.0 : -Double(whole)) : Double(whole) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw failure("a number out of range") }
        return value
    }

    func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
