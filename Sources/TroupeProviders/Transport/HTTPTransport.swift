import Foundation

/// An HTTP request to a provider.
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

/// Status and headers of a response; header names lowercased.
public struct HTTPResponseHead: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]

    public init(status: Int, headers: [String: String]) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The value of header `name` (any case).
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

/// Sends requests and streams response bodies. The seam provider tests substitute.
///
/// Implementations must end the body stream promptly when the consuming task is cancelled and
/// cancel the underlying request.
public protocol HTTPTransport: Sendable {
    /// Sends `request`; returns once the status and headers arrived, with the body still streaming.
    func send(_ request: HTTPRequest) async throws -> (HTTPResponseHead, AsyncThrowingStream<Data, any Error>)
}

/// How long to wait: for the response to start, and between two pieces of the body.
public struct TransportTimeouts: Sendable, Equatable {
    public var connect: Duration
    public var idle: Duration

    public init(connect: Duration = .seconds(30), idle: Duration = .seconds(120)) {
        self.connect = connect
        self.idle = idle
    }
}
