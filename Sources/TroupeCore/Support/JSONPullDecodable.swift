/// A type `StructuredReply` reads straight from a reply's text before trying `JSONDecoder`: the
/// same value `JSONDecoder` gives, or an error (and then `JSONDecoder` reads the reply). Readers
/// use the strict `decode…` methods of `JSONTextParser`, which throw wherever the two readings
/// could differ.
package protocol JSONPullDecodable: Decodable {
    /// The value the parser is at.
    static func pull(from parser: inout JSONTextParser) throws -> Self
}
