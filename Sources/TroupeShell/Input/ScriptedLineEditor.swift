import Foundation

/// A line editor that types from a script: each `readLine` takes the next entry (a line, or a
/// Ctrl-C at the prompt), then reports the end of input. It keeps the prompts it was shown and the
/// lines given to history, so a test can drive the whole shell in-process, in milliseconds,
/// and see what a user would have. The pseudo-terminal tests keep libedit, signals and the live
/// footer; everything else the shell does can be driven from here.
///
/// ```swift
/// let editor = ScriptedLineEditor(["count the lines of the files here", "/stats"])
/// let status = await Shell(context: context, editor: editor, interactive: true).run()
/// ```
@MainActor
public final class ScriptedLineEditor: LineEditing {
    private var script: [LineInput]
    private var typedAhead = ""
    /// Every prompt `readLine` was called with, in order.
    public private(set) var prompts: [String] = []
    /// Every line given to history, in order.
    public private(set) var history: [String] = []
    public var completer: (_ word: String, _ line: String) -> [String] = { _, _ in [] }
    /// No one waits on it: a script is never blocked reading, so nothing has to wake it.
    public nonisolated let interruptFD: Int32 = -1
    /// Called as each turn starts with a way to type into it, as a person types below the live
    /// footer: a line is sent as its keys and Return; `"\u{3}"` is Ctrl-C. Nil: nothing is typed
    /// during turns.
    public var duringTurn: (@Sendable (_ type: @escaping @Sendable (String) -> Void) -> Void)?

    /// An editor that types `lines`, then ends the input.
    public convenience init(_ lines: [String]) {
        self.init(script: lines.map(LineInput.line))
    }

    /// An editor that gives `script` entry by entry, then `.endOfFile`.
    public init(script: [LineInput]) {
        self.script = script
    }

    public func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        guard !script.isEmpty else { return .endOfFile }
        let next = script.removeFirst()
        guard case .line(let line) = next, !typedAhead.isEmpty else { return next }
        defer { typedAhead = "" }
        return .line(typedAhead + line)
    }

    public func addHistory(_ line: String) {
        history.append(line)
    }

    /// A script has no keyboard to watch; ``duringTurn``, if set, is given the keys instead.
    public func watchDuringTurn(onKey: @escaping @Sendable (UInt8) -> Void, onInterrupt: @escaping @Sendable () -> Void)
        -> TurnKeyWatcher?
    {
        duringTurn? { text in
            guard text != "\u{3}" else { return onInterrupt() }
            for byte in text.utf8 { onKey(byte) }
            onKey(0x0D)
        }
        return nil
    }

    /// Put in front of the next scripted line, as the real editor puts it in front of what is typed.
    public func typeAhead(_ text: String) {
        typedAhead += text
    }
}
