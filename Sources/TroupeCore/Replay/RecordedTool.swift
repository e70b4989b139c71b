import Synchronization

/// A tool that returns what it returned in the recording, matched by name and arguments in order:
/// replay touches no file and runs no command.
public struct RecordedTool: WorkerTool {
    public let spec: ToolSpec
    private let results: RecordedToolResults

    public init(spec: ToolSpec, results: RecordedToolResults) {
        self.spec = spec
        self.results = results
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        results.take(name: spec.name, arguments: arguments)
            ?? ToolOutput(
                text: "error: the transcript has no further \(spec.name) result for these arguments (the replay diverged)",
                summary: "no recorded result", isError: true)
    }
}

/// The tool results of a transcript, each handed out once.
public final class RecordedToolResults: Sendable {
    private let remaining: Mutex<[RecordedSession.ToolResult]>

    public init(_ results: [RecordedSession.ToolResult]) {
        remaining = Mutex(results)
    }

    func take(name: String, arguments: JSONValue) -> ToolOutput? {
        remaining.withLock { results in
            guard
                let index = results.firstIndex(where: {
                    $0.name == name
                        && (try? JSONCoding.decode(JSONValue.self, from: $0.arguments.isEmpty ? "{}" : $0.arguments)) == arguments
                })
            else { return nil }
            return results.remove(at: index).output
        }
    }
}

/// Answers approvals as the user answered them in the recording, per persona in order.
public final class RecordedApprovalGate: ApprovalGate {
    private let remaining: Mutex<[(persona: String, decision: ApprovalDecision)]>

    public init(_ approvals: [(persona: String, decision: ApprovalDecision)]) {
        remaining = Mutex(approvals)
    }

    public func decide(_ request: ApprovalRequest) async -> ApprovalDecision {
        remaining.withLock { answers in
            guard let index = answers.firstIndex(where: { $0.persona == request.persona }) else {
                return .deny(reason: "the transcript has no answer for this approval (the replay diverged)")
            }
            return answers.remove(at: index).decision
        }
    }
}
