public import Foundation

/// A JSON document of any shape: tool arguments, schemas and structured model replies.
public enum JSONValue: Sendable, Equatable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The number as an `Int`, truncated toward zero; nil if this is not a number or the number
    /// has no `Int` (infinite, NaN, beyond `Int`'s range — what a malformed reply may hold).
    public var intValue: Int? {
        guard case .number(let number) = self, number.isFinite, abs(number) < 9.2e18 else { return nil }
        return Int(number)
    }

    /// The string if this is a string, else nil.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The member named `key` if this is an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

extension JSONValue {
    /// Parses JSON text (a top-level scalar too), straight from its bytes (`JSONTextParser`).
    public static func parse(_ data: Data) throws -> JSONValue {
        try data.withUnsafeBytes { try JSONTextParser.parse($0.bindMemory(to: UInt8.self)) }
    }

    /// Parses JSON text from a string's own UTF-8, without copying it.
    public static func parse(_ text: String) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { try JSONTextParser.parse($0) }
    }
}
