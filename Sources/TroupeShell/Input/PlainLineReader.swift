import Foundation

/// Reads lines from a pipe or file (no terminal): no prompt, no editing, no history.
@MainActor
public final class PlainLineReader: LineEditing {
    public var completer: (_ word: String, _ line: String) -> [String] = { _, _ in [] }
    public nonisolated let interruptFD: Int32 = -1

    public init() {}

    public func readLine(prompt: String) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfFile }
        return .line(line)
    }

    public func addHistory(_ line: String) {}

    /// Piped input has no keyboard to watch; SIGINT alone interrupts.
    public func watchDuringTurn(onKey: @escaping @Sendable (UInt8) -> Void, onInterrupt: @escaping @Sendable () -> Void)
        -> TurnKeyWatcher?
    { nil }

    /// Piped input is read as it comes; nothing is typed ahead.
    public func typeAhead(_ text: String) {}
}
