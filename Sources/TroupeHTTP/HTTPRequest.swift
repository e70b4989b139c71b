public import Foundation

/// An HTTP request: to a provider, an MCP server, or a page `web_fetch` reads.
public struct HTTPRequest: Sendable, Equatable {
    public var url: URL
    public var method: String
    /// Header names as sent.
    public var headers: [String: String]
    public var body: Data

    public init(url: URL, method: String = "POST", headers: [String: String] = [:], body: Data = Data()) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }
}
