public import Foundation
import Synchronization

/// Appends a session to a JSON Lines file: the header, then one event a line, each written
/// with one `write` as it happens, so a killed process loses at most the line being written.
/// Secrets are redacted before anything reaches the file. A model request is written as a
/// delta from the previous request of the same persona and purpose when they share messages
/// (`RequestHistory`, transcript format 3). Thread-safe.
public final class TranscriptWriter: Sendable {
    /// The file being written.
    public let url: URL
    private let state: Mutex<State>
    private let redactor: SecretRedactor

    /// Creates the file (and its folder) with the header in it. The two appear together (written
    /// aside, then renamed into place): a process killed at that moment leaves no transcript or
    /// one that starts with its header, never an empty file that nothing could resume.
    public init(url: URL, header: TranscriptHeader, redactor: SecretRedactor) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.line(JSONCoding.string(header), redactor: redactor).write(to: url, options: .atomic)
        let handle = try Self.openForWriting(url)
        try handle.seekToEnd()
        self.url = url
        self.state = Mutex(State(handle: handle, recordsDeltas: true))
        self.redactor = redactor
    }

    /// Reopens `url` to continue its session: a cut-short last line is removed first, and new
    /// events are appended after the last complete one. A file of a format before 3 goes on
    /// with whole requests, so that it stays readable as the version its header names.
    public init(appendingTo url: URL, redactor: SecretRedactor) throws {
        let data = try Data(contentsOf: url)
        let complete = (data.lastIndex(of: 0x0A).map { data.index(after: $0) }) ?? data.startIndex
        let headerEnd = data.firstIndex(of: 0x0A) ?? data.endIndex
        let version = (try? JSONValue.parse(data[data.startIndex..<headerEnd]))?["formatVersion"]?.intValue ?? 1
        let handle = try Self.openForWriting(url)
        try handle.truncate(atOffset: UInt64(complete - data.startIndex))
        try handle.seekToEnd()
        self.url = url
        self.state = Mutex(State(handle: handle, recordsDeltas: version >= TranscriptHeader.deltaFormatVersion))
        self.redactor = redactor
    }

    /// The file and the requests later ones are recorded against.
    private struct State {
        var handle: FileHandle?
        /// Whether model requests may be written as deltas (the file's format allows them).
        let recordsDeltas: Bool
        var requests = RequestHistory()
    }

    /// `url` opened for writing, closed on exec: no command or server Troupe starts holds it.
    private static func openForWriting(_ url: URL) throws -> FileHandle {
        let descriptor = open(url.path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: POSIXError(.init(rawValue: errno) ?? .EIO)])
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Writes `event` as one line.
    public func write(_ event: TroupeEvent) {
        state.withLock { state in
            guard let handle = state.handle else { return }
            guard case .modelRequested(var requested) = event.kind, state.recordsDeltas else {
                guard let line = try? JSONCoding.string(event) else { return }
                try? Self.append(line, to: handle, redactor: redactor)
                return
            }
            // Compared as the file will hold it: contents and the persona's name redacted first.
            requested.agent = redactor.redact(requested.agent)
            requested.request.agent = requested.agent
            for index in requested.request.messages.indices {
                requested.request.messages[index].content = redactor.redact(requested.request.messages[index].content)
            }
            var event = event
            event.kind = .modelRequested(requested)
            var requests = state.requests
            guard let line = try? JSONCoding.string(requests.recorded(event)) else { return }
            guard redactor.redact(line).utf8.elementsEqual(line.utf8) else {
                // Redaction changed the line past what was compared (a secret in a tool call's
                // arguments, in a tool's description): the reader's request would not be the
                // writer's, so this one is written whole and the stream's next request too.
                state.requests.forget(agent: requested.agent, purpose: requested.purpose)
                guard let whole = try? JSONCoding.string(event) else { return }
                try? Self.append(whole, to: handle, redactor: redactor)
                return
            }
            // A line that could not be written leaves the history as the file has it.
            if (try? Self.append(line, to: handle, redactor: nil)) != nil { state.requests = requests }
        }
    }

    /// Subscribes this writer to `bus`.
    public func record(_ bus: EventBus) {
        bus.subscribe { [self] event in write(event) }
    }

    /// Closes the file; later writes are dropped.
    public func close() {
        state.withLock { state in
            try? state.handle?.close()
            state.handle = nil
        }
    }

    /// Writes `line` with `redactor` applied (nil: already redacted).
    private static func append(_ text: String, to handle: FileHandle?, redactor: SecretRedactor?) throws {
        try handle?.write(contentsOf: line(text, redactor: redactor))
    }

    /// `text` redacted, as one line of the file.
    private static func line(_ text: String, redactor: SecretRedactor?) -> Data {
        Data(((redactor?.redact(text) ?? text) + "\n").utf8)
    }

    /// A new file name for a session started at `date`: `2026-11-25T16-05-12-3f9c.jsonl`.
    public static func fileName(startedAt date: Date, sessionID: String) -> String {
        let stamp = Timestamps.string(date).prefix(19).replacingOccurrences(of: ":", with: "-")
        return "\(stamp)-\(sessionID.prefix(4)).jsonl"
    }
}
