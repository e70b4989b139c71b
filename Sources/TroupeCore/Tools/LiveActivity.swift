/// What is happening right now, for display only: the latest line a worker's model is writing,
/// or a running command printed. It goes to whoever set `reporter` around the turn (the shell's
/// footer), never to the event bus or the transcript: the results, recorded when they return,
/// are what counts.
public enum LiveActivity {
    /// Receives `(source, line)`: a persona's name, or `$` for a command's output.
    ///
    /// A struct rather than a bare function type on purpose: with Swift 6.3 on Linux, an
    /// optimized build of a specialized `withValue` on a task-local whose value is an optional
    /// *function* type passes the runtime a null type metadata pointer and crashes in
    /// `swift_task_localValuePush` (docs/swift-notes.md). A nominal type is not affected.
    public struct Reporter: Sendable {
        /// Called with a source (a persona's name, or `$`) and the latest line it wrote.
        public let send: @Sendable (_ source: String, _ line: String) -> Void

        /// A reporter that hands each line to `send`.
        public init(_ send: @escaping @Sendable (_ source: String, _ line: String) -> Void) {
            self.send = send
        }
    }

    /// Whoever watches the current turn; nil when nobody is watching.
    @TaskLocal public static var reporter: Reporter?
}
