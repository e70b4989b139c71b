/// What is happening right now, for display only: the latest line a worker's model is writing,
/// or a running command printed. It goes to whoever set `reporter` around the turn (the shell's
/// footer), never to the event bus or the transcript: the results, recorded when they return,
/// are what counts.
public enum LiveActivity {
    /// Receives `(source, line)`: a persona's name, or `$` for a command's output; nil when
    /// nobody is watching.
    @TaskLocal public static var reporter: (@Sendable (_ source: String, _ line: String) -> Void)?
}
