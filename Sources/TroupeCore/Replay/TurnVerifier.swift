import Dispatch
import Foundation
import Synchronization

/// Compares one turn's replayed events with its recorded ones while the replay runs. The recorded
/// events are read from the file as the replay reaches them, and each pair that matches is
/// dropped, so memory holds only the events one side has produced and the other not yet: a window
/// as wide as the steps running at once, not the turn. The comparing happens on a queue of its
/// own, beside the engine rather than in its way: publishing an event only hands it over, and
/// waits only when the queue already holds `backlogLimit` events, so a burst of events (a long
/// plan's assignments) cannot pile up in memory either.
final class TurnVerifier: Sendable {
    private struct State {
        var cursor: LineCursor
        var recordedLeft: Int
        var recordedRead = 0
        var replayedCount = 0
        var streams: [String: Stream] = [:]
        /// A recorded line that could not be read again (the file changed under the replay).
        var unreadable: (line: Int, message: String)?
        let decoder = JSONDecoder()
        let file: TranscriptFile
    }

    /// One stream's events not yet matched, recorded and replayed.
    private struct Stream {
        var recorded: [EventComparison.Compared] = []
        var replayed: [EventComparison.Compared] = []
        /// An ordered stream stops matching at its first difference.
        var diverged = false
    }

    private let turn: Int
    private let inputLine: Int
    private let state: Mutex<State>
    private let queue = DispatchQueue(label: "troupe.replay.verify")
    private let backlog = DispatchSemaphore(value: TurnVerifier.backlogLimit)
    /// The most events handed over and not yet compared.
    static let backlogLimit = 512

    /// A verifier of turn `index` of `session`.
    init(session: RecordedSession, turn index: Int) {
        let turn = session.turns[index]
        self.turn = index + 1
        inputLine = turn.line
        state = Mutex(
            State(
                cursor: LineCursor(file: session.file, offset: turn.start.offset, number: turn.start.number),
                recordedLeft: turn.eventCount, file: session.file))
    }

    /// One replayed event: compared with the recording as far as the replay has got.
    func replayed(_ event: TroupeEvent) {
        backlog.wait()
        queue.async { [self] in
            defer { backlog.signal() }
            let compared = EventComparison.replayed(event)
            state.withLock { state in
                state.replayedCount += 1
                Self.readRecorded(upTo: state.replayedCount, &state)
                Self.add(compared, recorded: false, &state)
            }
        }
    }

    /// The turn is over: the rest of the recording is read and the first difference returned.
    func finish() -> Divergence? {
        queue.sync { finishNow() }
    }

    private func finishNow() -> Divergence? {
        state.withLock { state -> Divergence? in
            Self.readRecorded(upTo: .max, &state)
            if let (line, message) = state.unreadable {
                return Divergence(turn: turn, line: line, stream: "turn", persona: nil, recorded: message, replayed: nil)
            }
            var first: Divergence?
            // What is left unmatched: in an ordered stream the first position where the two sides
            // differ, in an unordered one the first recorded event with no replayed equal and the
            // first replayed one with no recorded equal.
            for (key, stream) in state.streams where !stream.recorded.isEmpty || !stream.replayed.isEmpty {
                let (x, y) = (stream.recorded.first, stream.replayed.first)
                let line = x?.line ?? inputLine
                if first == nil || line < first!.line {
                    first = Divergence(
                        turn: turn, line: line, stream: key, persona: (x ?? y)?.persona, recorded: x?.description,
                        replayed: y?.description)
                }
            }
            return first
        }
    }

    private static func readRecorded(upTo count: Int, _ state: inout State) {
        let decoder = state.decoder
        while state.recordedRead < count, state.recordedLeft > 0, state.unreadable == nil {
            do {
                guard let line = try state.cursor.next() else {
                    state.unreadable = (state.cursor.number, "the file ends before the turn's recorded events")
                    return
                }
                if line.bytes.isEmpty { continue }
                let envelope = try EventEnvelope(scanning: line.bytes) ?? decoder.decode(EventEnvelope.self, from: line.bytes)
                state.recordedRead += 1
                state.recordedLeft -= 1
                add(EventComparison.recorded(envelope, line: line, in: state.file), recorded: true, &state)
            } catch {
                state.unreadable = (state.cursor.number - 1, "the recorded line cannot be read again: \(error)")
            }
        }
    }

    /// Adds an event to its stream and drops it with its match, if the other side has it.
    private static func add(_ event: EventComparison.Compared, recorded: Bool, _ state: inout State) {
        var stream = state.streams.removeValue(forKey: event.stream) ?? Stream()
        defer {
            if stream.diverged || !stream.recorded.isEmpty || !stream.replayed.isEmpty { state.streams[event.stream] = stream }
        }
        if EventComparison.isUnordered(event.stream) {
            if recorded, let index = stream.replayed.firstIndex(where: { $0.key == event.key }) {
                stream.replayed.remove(at: index)
            } else if !recorded, let index = stream.recorded.firstIndex(where: { $0.key == event.key }) {
                stream.recorded.remove(at: index)
            } else if recorded {
                stream.recorded.append(event)
            } else {
                stream.replayed.append(event)
            }
            return
        }
        guard !stream.diverged else { return }
        if recorded { stream.recorded.append(event) } else { stream.replayed.append(event) }
        while !stream.diverged, let x = stream.recorded.first, let y = stream.replayed.first {
            guard x.key == y.key else {
                stream.diverged = true
                break
            }
            stream.recorded.removeFirst()
            stream.replayed.removeFirst()
        }
    }
}
