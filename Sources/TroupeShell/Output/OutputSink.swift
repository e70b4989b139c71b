import Foundation
import Synchronization

/// Where the shell writes: the progress stream and the answer stream (the same terminal when
/// interactive; stderr and stdout when piped). Thread-safe; every write is one `write(2)`.
public final class OutputSink: Sendable {
    private let progress: FileHandle
    private let answers: FileHandle
    private let lock = Mutex(())

    public init(progress: FileHandle, answers: FileHandle) {
        self.progress = progress
        self.answers = answers
    }

    /// Writes progress lines (already sanitized and styled).
    public func progress(_ lines: [String]) {
        write(lines, to: progress)
    }

    /// Writes part of an answer as it streams in, without ending the line.
    public func answerFragment(_ text: String) {
        guard !text.isEmpty else { return }
        let data = Data(text.utf8)
        lock.withLock { _ in try? answers.write(contentsOf: data) }
    }

    /// Writes progress text without ending the line (a prompt, echoed keys).
    public func progressFragment(_ text: String) {
        guard !text.isEmpty else { return }
        let data = Data(text.utf8)
        lock.withLock { _ in try? progress.write(contentsOf: data) }
    }

    /// Writes answer lines.
    public func answer(_ lines: [String]) {
        write(lines, to: answers)
    }

    private func write(_ lines: [String], to handle: FileHandle) {
        guard !lines.isEmpty else { return }
        let data = Data((lines.joined(separator: "\n") + "\n").utf8)
        lock.withLock { _ in try? handle.write(contentsOf: data) }
    }
}
