import Foundation
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

/// The tool results of a transcript, each handed out once, matched by tool name and arguments;
/// each output is read from the file when it is handed out.
public final class RecordedToolResults: Sendable {
    private let session: RecordedSession
    private let remaining: Mutex<[RecordedSession.ToolResult]>

    public init(_ session: RecordedSession) {
        self.session = session
        remaining = Mutex(session.toolResults)
    }

    /// The SHA-256 of tool arguments as recorded (JSON text; empty for none), in canonical form.
    static func hash(arguments: String) -> String {
        hash(
            arguments: (try? JSONCoding.decode(JSONValue.self, from: arguments.isEmpty ? "{}" : arguments)) ?? .string(arguments))
    }

    /// The SHA-256 of tool arguments as canonical JSON.
    static func hash(arguments: JSONValue) -> String {
        ContentHash.sha256((try? JSONCoding.encode(arguments)) ?? Data())
    }

    func take(name: String, arguments: JSONValue) -> ToolOutput? {
        let hash = Self.hash(arguments: arguments)
        let result = remaining.withLock { results -> RecordedSession.ToolResult? in
            guard let index = results.firstIndex(where: { $0.name == name && $0.argumentsHash == hash }) else { return nil }
            return results.remove(at: index)
        }
        guard let result else { return nil }
        do {
            return try session.output(of: result)
        } catch {
            return ToolOutput(text: "error: \(error.localizedDescription)", summary: "unreadable recorded result", isError: true)
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
