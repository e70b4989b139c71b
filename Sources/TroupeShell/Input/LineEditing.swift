/// Reads lines from the user. Confined to the main actor: libedit is a process-wide singleton.
@MainActor
public protocol LineEditing: AnyObject {
    /// Shows `prompt` and waits for a line. Blocks the main thread while the user types.
    func readLine(prompt: String) -> LineInput
    /// Remembers `line` for Up/Down and Ctrl-R, and persists it.
    func addHistory(_ line: String)
    /// Candidates for Tab completion: given the word under the cursor and the whole line.
    var completer: (_ word: String, _ line: String) -> [String] { get set }
    /// A file descriptor that, written to from any thread, ends the current `readLine` with `.interrupt`.
    nonisolated var interruptFD: Int32 { get }
    /// Watches the keyboard while a turn runs (Ctrl-C runs `onInterrupt`, keys no prompt claims
    /// go to `onKey`), or nil where there is no keyboard. Stop the watcher when the turn ends.
    func watchDuringTurn(onKey: @escaping @Sendable (UInt8) -> Void, onInterrupt: @escaping @Sendable () -> Void)
        -> TurnKeyWatcher?
    /// Puts `text` in front of the next line, as if typed (what was typed during a turn and not sent).
    func typeAhead(_ text: String)
}
