/// The latest model request of each persona and purpose in a transcript, in file order: what a
/// request is recorded against when it is written (`recorded`) and rebuilt from when it is read
/// (`resolved`). Writer and reader keep the same history, so a delta names its base by `seq`
/// and a reader checks that it has it.
struct RequestHistory {
    private struct Stream: Hashable {
        var agent: String
        var purpose: RequestPurpose
    }

    private var latest: [Stream: (seq: Int, request: ChatRequest)] = [:]

    /// `requested` as it is to be written at `seq`: with a delta from the stream's latest request
    /// when that is shorter, whole otherwise. It becomes the stream's latest.
    private mutating func recorded(_ requested: ModelRequested, seq: Int) -> ModelRequested {
        let stream = Stream(agent: requested.agent, purpose: requested.purpose)
        var recorded = requested
        if let base = latest[stream] {
            recorded.delta = RequestDelta.between(requested.request, base: base.request, seq: base.seq)
        }
        latest[stream] = (seq, requested.request)
        return recorded
    }

    /// Forgets the stream's latest request: its next one is written whole.
    mutating func forget(agent: String, purpose: RequestPurpose) {
        latest[Stream(agent: agent, purpose: purpose)] = nil
    }

    /// `requested` as read at `seq`, its request rebuilt when the line holds a delta. Throws when
    /// the delta's base is not the stream's latest request or does not fit it.
    private mutating func resolved(_ requested: ModelRequested, seq: Int) throws(RequestDelta.Failure) -> ModelRequested {
        let stream = Stream(agent: requested.agent, purpose: requested.purpose)
        var resolved = requested
        if let delta = requested.delta {
            guard let base = latest[stream], base.seq == delta.base else {
                throw RequestDelta.Failure(
                    description: "the request is recorded against event \(delta.base), which is not the latest "
                        + "\(requested.purpose.rawValue) request of \(requested.agent) before it")
            }
            resolved.request = try delta.applied(to: base.request)
            resolved.delta = nil
        }
        latest[stream] = (seq, resolved.request)
        return resolved
    }

    /// `event` as it is to be written: a model request with its delta (see `recorded(_:seq:)`).
    mutating func recorded(_ event: TroupeEvent) -> TroupeEvent {
        guard case .modelRequested(let requested) = event.kind else { return event }
        var event = event
        event.kind = .modelRequested(recorded(requested, seq: event.seq))
        return event
    }

    /// `event` as read: a model request with its request rebuilt (see `resolved(_:seq:)`).
    mutating func resolved(_ event: TroupeEvent) throws(RequestDelta.Failure) -> TroupeEvent {
        guard case .modelRequested(let requested) = event.kind else { return event }
        var event = event
        event.kind = .modelRequested(try resolved(requested, seq: event.seq))
        return event
    }
}
