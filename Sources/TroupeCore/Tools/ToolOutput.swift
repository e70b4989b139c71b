/// What a tool gives back: the full text for the model and a one-line summary for people.
public struct ToolOutput: Sendable, Equatable {
    public var text: String
    public var summary: String
    public var isError: Bool
    /// Workspace files the call read or wrote (relative paths), kept as the step's artifacts.
    public var files: [String]

    public init(text: String, summary: String, isError: Bool = false, files: [String] = []) {
        self.text = text
        self.summary = summary
        self.isError = isError
        self.files = files
    }
}
