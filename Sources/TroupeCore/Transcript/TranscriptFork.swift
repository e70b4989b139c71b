public import Foundation

/// Branches a new session from an event of a recorded one: a new transcript holding the header
/// (with a new session id and where it came from) and the events up to and including `seq`.
public enum TranscriptFork {
    /// Writes the fork into `folder`; returns its URL and its session id.
    public static func fork(_ source: URL, atSeq seq: Int, into folder: URL) throws -> (url: URL, sessionID: String) {
        let reader = try TranscriptReader(url: source)
        var header = reader.header
        let sessionID = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        header.forkedFrom = TranscriptHeader.ForkPoint(sessionID: header.sessionID, seq: seq)
        header.sessionID = sessionID
        let started = Date()
        header.started = Timestamps.string(started)
        var lines = [try JSONCoding.string(header)]
        var reached = false
        var requests = RequestHistory()
        try reader.forEachEvent { event, _ in
            guard event.seq <= seq else { return }
            reached = reached || event.seq == seq
            lines.append(try JSONCoding.string(requests.recorded(event)))
        }
        guard reached else {
            throw TranscriptError.danglingReference(
                path: source.path, line: 1, message: "the session has no event \(seq) to fork from")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(TranscriptWriter.fileName(startedAt: started, sessionID: sessionID))
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url, options: .atomic)
        return (url, sessionID)
    }
}
