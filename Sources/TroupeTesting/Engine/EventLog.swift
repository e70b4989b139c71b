public import TroupeCore

/// Collects every event of a bus for assertions.
public final class EventLog: Sendable {
    /// The bus to publish on; it keeps every event.
    public let bus = EventBus(keepsHistory: true)

    /// A log over a new bus.
    public init() {}

    /// Every event so far.
    public var events: [TroupeEvent] { bus.history }
    /// The events' wire types, in order.
    public var types: [String] { events.map(\.kind.type) }

    /// The first event of `type`.
    public func first(_ type: String) -> TroupeEvent? { events.first { $0.kind.type == type } }
    /// Every event of `type`.
    public func all(_ type: String) -> [TroupeEvent] { events.filter { $0.kind.type == type } }
}
