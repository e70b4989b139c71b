/// A server that could not be started, reached or understood, in words for `/mcp`.
struct MCPServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
