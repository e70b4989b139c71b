/// Canonical JSON: exactly the bytes Foundation's `JSONEncoder` writes with
/// `[.sortedKeys, .withoutEscapingSlashes]` — the encoding every request hash and recorded
/// transcript line is made of — at a fraction of its cost.
///
/// `JSONEncoder` builds a tree of boxed values, converts each number through its text, and
/// sorts every object's keys through `String`'s generic comparison; on a run of many small
/// steps it was a fifth of all the work (BENCHMARKS.md, issue 19). This encoder keeps the same
/// rules — keys sorted by their UTF-8 bytes, a key set twice keeps its last value, a double
/// written as its `description` without a trailing `.0`, NaN and infinity refused, `Data` as
/// Base64, `URL` as its absolute string, `Date` as seconds since 2001 — and a test holds it to
/// `JSONEncoder`'s output on every golden event and thousands of random values.
///
/// ```swift
/// let bytes = try CanonicalJSONEncoder.encode(["b": 1, "a": 2])   // {"a":2,"b":1}
/// ```
public enum CanonicalJSONEncoder {
    /// The canonical JSON of `value`, pretty-printed as `JSONEncoder`'s `.prettyPrinted` does
    /// when `pretty` is set.
    public static func encode<Value: Encodable>(_ value: Value, pretty: Bool = false) throws -> [UInt8] {
        guard let root = try CanonicalNodeEncoder.node(for: value, parent: nil, key: nil) else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(codingPath: [], debugDescription: "Top-level \(Value.self) did not encode any values."))
        }
        var writer = CanonicalJSONWriter(pretty: pretty)
        try writer.write(root)
        return writer.bytes
    }

    static let tooDeep = EncodingError.invalidValue(
        0, EncodingError.Context(codingPath: [], debugDescription: "Too many nested arrays or dictionaries."))
}
