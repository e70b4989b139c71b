/// The live output of a running tool (a command's lines as they come), for display only: it
/// goes to whoever set `reporter` around the turn (the shell's footer), never to the event bus
/// or the transcript. The tool's result, recorded when it returns, is what counts.
public enum ToolActivity {
    /// Receives each new line of output; nil when nobody is watching.
    @TaskLocal public static var reporter: (@Sendable (_ line: String) -> Void)?
}
