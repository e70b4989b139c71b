/// What an event carries: a typed value that names its own stable wire type. A new event is a
/// payload declaring `eventType` and `eventKind`, its case in `EventKind`, and its entry in
/// `EventKind.payloadTypes` (a test checks the three agree).
public protocol EventPayload: Sendable, Codable, Equatable {
    /// The stable type name transcripts hold, e.g. `orchestration.handoff_initiated`.
    static var eventType: String { get }
    /// This payload as the event kind that carries it.
    var eventKind: EventKind { get }
}
