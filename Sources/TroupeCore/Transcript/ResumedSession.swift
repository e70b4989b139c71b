public import Foundation

/// A recorded session picked up again (`troupe --resume ID`): its transcript, the state its
/// events rebuild (ledgers, plan, handoffs), and where its numbering stopped.
public struct ResumedSession: Sendable {
    public let url: URL
    public let header: TranscriptHeader
    /// The ledgers, plan, working memory and handoffs as the session left them.
    public let state: SessionState
    /// The requests the user made, oldest first.
    public let requests: [String]
    public let lastSeq: Int

    /// Reads `url` whole; a cut-short last line is ignored (and removed when writing resumes).
    public init(url: URL) throws {
        let reader = try TranscriptReader(url: url)
        var state = SessionState()
        var requests: [String] = []
        var lastSeq = 0
        try reader.forEachEvent { event, _ in
            state.apply(event)
            lastSeq = event.seq
            if case .userInput(let input) = event.kind { requests.append(input.text) }
        }
        self.url = url
        self.header = reader.header
        self.state = state
        self.requests = requests
        self.lastSeq = lastSeq
    }

    /// Records that the handoffs the previous process left open (it was killed, or crashed,
    /// mid-handoff) did not finish: each is rolled back on `bus`, as an interrupt would have done,
    /// so the continued transcript ends every handoff exactly once. Their steps did not commit.
    public func rollBackInterruptedHandoffs(on bus: EventBus) {
        for handoff in state.handoffs where !handoff.state.isFinal {
            bus.publish(
                .handoffRolledBack(
                    HandoffRolledBack(
                        handoff: handoff.id, to: handoff.to, step: handoff.step,
                        reason: "the session ended before it finished (resumed)", parent: handoff.parent)))
        }
    }

    /// The transcript in `folder` whose session id starts with `id` (or whose file name contains
    /// it), or `id` itself when it is a file's path.
    public static func find(_ id: String, in folder: URL) throws -> URL {
        if FileManager.default.fileExists(atPath: id) { return URL(fileURLWithPath: id) }
        let files = ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "jsonl" }.sorted { $0.lastPathComponent > $1.lastPathComponent }
        let matches = files.filter { file in
            file.lastPathComponent.contains(id) || (try? TranscriptReader(url: file))?.header.sessionID.hasPrefix(id) == true
        }
        guard let match = matches.first else {
            throw TranscriptError.unreadable(
                path: folder.appendingPathComponent(id).path, message: "no transcript matches '\(id)'")
        }
        return match
    }
}
