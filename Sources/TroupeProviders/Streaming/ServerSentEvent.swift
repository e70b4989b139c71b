import Foundation

/// One server-sent event.
public struct ServerSentEvent: Sendable, Equatable {
    /// The `event:` name, if the server sent one.
    public var name: String?
    /// The `data:` lines joined with `\n`.
    public var data: String
}
