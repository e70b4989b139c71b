import Foundation
import Synchronization

/// Where the shell writes: the progress stream and the answer stream (the same terminal when
/// interactive; stderr and stdout when piped; a collector when exporting). Thread-safe; every
/// write is one `write(2)` (or one call of the collector).
public final class OutputSink: Sendable {
    private let progressOut: @Sendable (Data) -> Void
    private let answersOut: @Sendable (Data) -> Void
    private let lock = Mutex(())

    public init(progress: FileHandle, answers: FileHandle) {
        progressOut = { try? progress.write(contentsOf: $0) }
        answersOut = { try? answers.write(contentsOf: $0) }
    }

    /// A sink handing all text, progress and answers alike, to `writer`.
    public init(writer: @escaping @Sendable (String) -> Void) {
        progressOut = { writer(String(decoding: $0, as: UTF8.self)) }
        answersOut = progressOut
    }

    /// Writes progress lines (already sanitized and styled).
    public func progress(_ lines: [String]) {
        write(lines, to: progressOut)
    }

    /// Writes progress text without ending the line (a prompt, echoed keys).
    public func progressFragment(_ text: String) {
        guard !text.isEmpty else { return }
        let data = Data(text.utf8)
        lock.withLock { _ in progressOut(data) }
    }

    /// Writes part of an answer as it streams in, without ending the line.
    public func answerFragment(_ text: String) {
        guard !text.isEmpty else { return }
        let data = Data(text.utf8)
        lock.withLock { _ in answersOut(data) }
    }

    /// Writes answer lines.
    public func answer(_ lines: [String]) {
        write(lines, to: answersOut)
    }

    private func write(_ lines: [String], to output: @Sendable (Data) -> Void) {
        guard !lines.isEmpty else { return }
        let data = Data((lines.joined(separator: "\n") + "\n").utf8)
        lock.withLock { _ in output(data) }
    }
}
