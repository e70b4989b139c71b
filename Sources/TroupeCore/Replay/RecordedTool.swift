import Foundation
import Synchronization

/// A tool that returns what it returned in the recording, matched by name and arguments in order:
/// replay touches no file and runs no command. Where the recording asked the user about a call of
/// it, the replay asks the recorded gate the same question.
struct RecordedTool: WorkerTool {
    let spec: ToolSpec
    let effect: ToolEffect
    private let results: RecordedToolResults
    private let questions: RecordedToolQuestions?

    /// Stands in for a tool with `spec` and `effect` (the replaying build's own tool of that name).
    init(spec: ToolSpec, effect: ToolEffect, results: RecordedToolResults, questions: RecordedToolQuestions? = nil) {
        self.spec = spec
        self.effect = effect
        self.results = results
        self.questions = questions
    }

    /// The question the recording asked about the next call of this tool, if one is left: asked
    /// whatever the permission mode (it was asked when recorded), shown as it was shown then.
    func preview(arguments: JSONValue) async -> Result<ToolPreview, ToolOutputError>? {
        questions?.next(for: spec.name).map {
            .success(ToolPreview(kind: .command, summary: $0.instruction, detail: $0.preview ?? ""))
        }
    }

    func run(arguments: JSONValue) async -> ToolOutput {
        results.take(name: spec.name, arguments: arguments)
            ?? ToolOutput(
                text: "error: the transcript has no further \(spec.name) result for these arguments (the replay diverged)",
                summary: "no recorded result", isError: true)
    }
}

/// The tool results of a transcript, each handed out once, matched by tool name and arguments;
/// each output is read from the file when it is handed out.
final class RecordedToolResults: Sendable {
    private let session: RecordedSession
    private let remaining: Mutex<[RecordedSession.ToolResult]>

    init(_ session: RecordedSession) {
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

/// The tool questions of a recording, handed out per tool in order: a call's preview looks at the
/// next one, and the gate's answer uses it up.
final class RecordedToolQuestions: Sendable {
    private let remaining: Mutex<[ApprovalRequest]>

    /// The questions a recording asked, in order.
    init(_ questions: [ApprovalRequest]) {
        remaining = Mutex(questions)
    }

    /// The next question about `tool`, left in place.
    func next(for tool: String) -> ApprovalRequest? {
        remaining.withLock { $0.first { $0.tool == tool } }
    }

    /// Uses up the next question about `tool` asked of `persona`.
    func answered(tool: String, persona: String) {
        remaining.withLock { questions in
            if let index = questions.firstIndex(where: { $0.tool == tool && $0.persona == persona }) {
                questions.remove(at: index)
            }
        }
    }
}

/// Answers approvals as the user answered them in the recording, per persona in order.
final class RecordedApprovalGate: ApprovalGate {
    private let remaining: Mutex<[(persona: String, decision: ApprovalDecision)]>
    private let questions: RecordedToolQuestions?

    init(_ approvals: [(persona: String, decision: ApprovalDecision)], questions: RecordedToolQuestions? = nil) {
        remaining = Mutex(approvals)
        self.questions = questions
    }

    func decide(_ request: ApprovalRequest) async -> ApprovalDecision {
        if let tool = request.tool { questions?.answered(tool: tool, persona: request.persona) }
        return remaining.withLock { answers in
            guard let index = answers.firstIndex(where: { $0.persona == request.persona }) else {
                return .deny(reason: "the transcript has no answer for this approval (the replay diverged)")
            }
            return answers.remove(at: index).decision
        }
    }
}
