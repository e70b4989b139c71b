import Foundation
import Synchronization

/// Appends a session to a JSON Lines file: the header, then one event a line, each written
/// with one `write` as it happens, so a killed process loses at most the line being written.
/// Secrets are redacted before anything reaches the file. Thread-safe.
public final class TranscriptWriter: Sendable {
    /// The file being written.
    public let url: URL
    private let handle: Mutex<FileHandle?>
    private let redactor: SecretRedactor

    /// Creates the file (and its folder) and writes the header.
    public init(url: URL, header: TranscriptHeader, redactor: SecretRedactor) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try Self.openForWriting(url)
        self.url = url
        self.handle = Mutex(handle)
        self.redactor = redactor
        try append(JSONCoding.string(header))
    }

    /// Reopens `url` to continue its session: a cut-short last line is removed first, and new
    /// events are appended after the last complete one.
    public init(appendingTo url: URL, redactor: SecretRedactor) throws {
        let data = try Data(contentsOf: url)
        let complete = (data.lastIndex(of: 0x0A).map { data.index(after: $0) }) ?? data.startIndex
        let handle = try Self.openForWriting(url)
        try handle.truncate(atOffset: UInt64(complete - data.startIndex))
        try handle.seekToEnd()
        self.url = url
        self.handle = Mutex(handle)
        self.redactor = redactor
    }

    /// `url` opened for writing, closed on exec: no command or server Troupe starts holds it.
    private static func openForWriting(_ url: URL) throws -> FileHandle {
        let descriptor = open(url.path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: POSIXError(.init(rawValue: errno) ?? .EIO)])
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Writes `event` as one line.
    public func write(_ event: TroupeEvent) {
        guard let line = try? JSONCoding.string(event) else { return }
        try? append(line)
    }

    /// Subscribes this writer to `bus`.
    public func record(_ bus: EventBus) {
        bus.subscribe { [self] event in write(event) }
    }

    /// Closes the file; later writes are dropped.
    public func close() {
        handle.withLock { handle in
            try? handle?.close()
            handle = nil
        }
    }

    private func append(_ line: String) throws {
        let data = Data((redactor.redact(line) + "\n").utf8)
        try handle.withLock { try $0?.write(contentsOf: data) }
    }

    /// A new file name for a session started at `date`: `2026-11-25T16-05-12-3f9c.jsonl`.
    public static func fileName(startedAt date: Date, sessionID: String) -> String {
        let stamp = Timestamps.string(date).prefix(19).replacingOccurrences(of: ":", with: "-")
        return "\(stamp)-\(sessionID.prefix(4)).jsonl"
    }
}
