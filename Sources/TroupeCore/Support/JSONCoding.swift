public import Foundation

/// The one JSON encoding Troupe uses for transcripts, request hashes and prompts:
/// sorted keys so equal values always give equal bytes (``CanonicalJSONEncoder``).
public enum JSONCoding {
    /// Encodes `value` canonically (sorted keys, no escaped slashes).
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> Data {
        Data(try CanonicalJSONEncoder.encode(value, pretty: pretty))
    }

    /// Encodes `value` canonically as a UTF-8 string.
    public static func string<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
        String(decoding: try CanonicalJSONEncoder.encode(value, pretty: pretty), as: UTF8.self)
    }

    /// Decodes `type` from UTF-8 JSON text.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
