/// A worker called a tool.
public struct ToolCalled: EventPayload {
    public static let eventType = "tool.call"
    public var eventKind: EventKind { .toolCalled(self) }

    public var agent: String
    public var step: Int?
    public var call: ToolCall

    public init(agent: String, step: Int?, call: ToolCall) {
        self.agent = agent
        self.step = step
        self.call = call
    }
}

/// A tool returned.
public struct ToolReturned: EventPayload {
    public static let eventType = "tool.result"
    public var eventKind: EventKind { .toolReturned(self) }

    public var agent: String
    public var step: Int?
    public var callID: String
    public var name: String
    public var summary: String
    public var output: String
    public var isError: Bool
    /// Workspace files the call read or wrote; absent when none.
    public var files: [String]?

    public init(
        agent: String, step: Int?, callID: String, name: String, summary: String, output: String, isError: Bool,
        files: [String] = []
    ) {
        self.agent = agent
        self.step = step
        self.callID = callID
        self.name = name
        self.summary = summary
        self.output = output
        self.isError = isError
        self.files = files.isEmpty ? nil : files
    }
}
