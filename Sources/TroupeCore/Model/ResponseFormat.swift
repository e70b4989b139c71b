import Foundation

/// Asks for a reply that is one JSON object matching `schema`.
public struct ResponseFormat: Sendable, Codable, Equatable, Hashable {
    public var name: String
    public var schema: JSONValue

    public init(name: String, schema: JSONValue) {
        self.name = name
        self.schema = schema
    }
}
