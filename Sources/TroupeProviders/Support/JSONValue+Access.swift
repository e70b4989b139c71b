import Foundation
import TroupeCore

extension JSONValue {
    /// Members of an array, or empty.
    var arrayValue: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    /// The boolean, if this is one.
    var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// Whether this is JSON null.
    var isNull: Bool { self == .null }

    /// Compact JSON text.
    var jsonText: String {
        (try? JSONCoding.string(self)) ?? "null"
    }
}

/// Encodes a request body; keys sorted, so equal requests give equal bytes.
func encodeBody(_ value: JSONValue) throws -> Data {
    try JSONCoding.encode(value)
}
