/// How long to wait: for the response to start, and between two pieces of the body.
public struct TransportTimeouts: Sendable, Equatable {
    public var connect: Duration
    public var idle: Duration

    public init(connect: Duration = .seconds(30), idle: Duration = .seconds(120)) {
        self.connect = connect
        self.idle = idle
    }
}
