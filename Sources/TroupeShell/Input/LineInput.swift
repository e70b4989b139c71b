/// What reading a line produced.
public enum LineInput: Equatable, Sendable {
    /// A line the user entered (without its newline).
    case line(String)
    /// Ctrl-C at the prompt: the line was discarded.
    case interrupt
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfFile
}
