/// A tool call the model asked for: `arguments` is the JSON object as text, as providers send it.
public struct ToolCall: Sendable, Codable, Equatable, Hashable {
    public var id: String
    public var name: String
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}
