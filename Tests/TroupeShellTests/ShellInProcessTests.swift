import Dispatch
import Foundation
import Synchronization
import Testing
import TroupeCore
import TroupeTesting
import TroupeTools

@testable import TroupeShell

/// The whole shell in-process on the scripted editor and the offline model: the commands a user
/// types, and what they see, in milliseconds. (Line editing, signals and the live footer are the
/// pseudo-terminal tests' job.)
/// A shell over a temporary workspace holding `files`, its output collected.
@MainActor
final class InProcessShell {
    private let workspace: TemporaryFolder
    /// Where the session's transcript is written (`/events` reads it), beside the workspace.
    private let session: TemporaryFolder
    private let output = Collected()
    let editor: ScriptedLineEditor
    let shell: Shell

    var folder: URL { workspace.url }
    /// The session's transcript as written so far.
    var transcript: String {
        (try? String(contentsOf: session.url.appendingPathComponent("session.jsonl"), encoding: .utf8)) ?? ""
    }

    init(files: [String: String], typing lines: [LineInput]) async throws {
        workspace = try TemporaryFolder()
        session = try TemporaryFolder()
        for (path, text) in files { try workspace.write(path, text) }
        let bus = EventBus()
        let catalog = PersonaLoader(folders: []).load()
        let registry = AgentRegistry(bus: bus)
        for persona in catalog.personas { await registry.register(persona) }
        let router = ModelRouter(sessionModel: OfflineModel())
        let tools = ToolBox(WorkspaceTools.standard(Workspace(root: workspace.url)))
        let configuration = OrchestratorConfiguration(retryBackoff: .zero)
        let transcript = session.url.appendingPathComponent("session.jsonl")
        let header = TranscriptHeader(
            toolVersion: "test", sessionID: "in-process", started: Date(), model: router.identifiers.session,
            personas: catalog.personas, terminal: nil,
            settings: .init(configuration: configuration, approval: nil, budget: .unlimited))
        try TranscriptWriter(url: transcript, header: header, redactor: SecretRedactor(secrets: [])).record(bus)
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(router: router, bus: bus), tools: tools, configuration: configuration,
            approvals: HandoffApprovals(gate: FixedApprovalGate(.approveOnce), toolEffects: tools.effects))
        let output = self.output
        let context = ShellContext(
            version: "test", orchestrator: orchestrator, registry: registry, bus: bus, catalog: catalog, models: router,
            makeModel: { _ in OfflineModel() }, warnings: [], transcriptPath: transcript.path,
            style: TextStyle(enabled: false), sink: OutputSink(writer: { text in output.text.withLock { $0 += text } }))
        editor = ScriptedLineEditor(script: lines)
        shell = Shell(context: context, editor: editor, interactive: true)
    }

    var text: String { output.text.withLock { $0 } }

    /// What the shell wrote, gathered from any thread.
    private final class Collected: Sendable {
        let text = Mutex("")
    }

    /// Checks that `expected` appear in the output in this order.
    func expectInOrder(_ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let text = self.text
        var rest = text[...]
        for piece in expected {
            guard let found = rest.range(of: piece) else {
                Issue.record("'\(piece)' not found after what came before it in:\n\(text)", sourceLocation: sourceLocation)
                return
            }
            rest = rest[found.upperBound...]
        }
    }
}

/// Serialized: a shell's interrupt router listens for the process's SIGINT, and the router test
/// sends one.
@Suite(.serialized) struct ShellInProcessTests {
    static let project = ["Sources/App/main.swift": "print(\"hello\")\nlet x = 1\n", "notes/plan.md": "# Plan\n\nShip it.\n"]

    @MainActor @Test func theInspectionCommandsAfterARequest() async throws {
        let session = try await InProcessShell(
            files: Self.project,
            typing: [
                "List the Swift files under Sources, \\", "and count their lines", "/graph", "/timeline", "/stats",
                "/events handoff_completed", "/status",
                "/agent analyst", "/expand 2", "/help skip",
            ].map(LineInput.line))
        #expect(await session.shell.run() == 0)
        session.expectInOrder([
            "── completed", "plan graph  2 steps in 2 layers · critical path 1 → 2", "after 1",
            "2 steps · at most 1 worker at once", "critical path 1 → 2: ", "tasks  success  p50       p95       tokens  cost",
            "researcher    1      100%", "2 event(s) matching 'handoff_completed'",
            "orchestration.handoff_completed  durationMs:", "turn      idle · last turn completed", "agents    5, all healthy",
            "tools           list_files, read_file, search_files, outline, count_lines", "system prompt:",
            "step 2 · analyst · completed", "/skip STEP", "Works while a turn runs, at once.",
        ])
        #expect(session.editor.prompts.prefix(2) == ["› ", "… "], "a line ending in \\ is continued")
        #expect(session.editor.history.first == "List the Swift files under Sources, \nand count their lines")
    }

    @MainActor @Test func aStickyPersonaTakesPlainRequestsUntilAuto() async throws {
        let session = try await InProcessShell(
            files: Self.project,
            typing: ["/use @researcher", "list the files under Sources", "/use auto", "/quit", "never read"].map(LineInput.line))
        #expect(await session.shell.run() == 0)
        session.expectInOrder([
            "Plain requests now go straight to researcher", "⇢ user → researcher", "Requests go to the orchestrator again.",
        ])
        #expect(session.editor.prompts == ["› ", "@researcher › ", "@researcher › ", "› "], "nothing read after /quit")
        #expect(session.transcript.contains(#""detail":"researcher","kind":"use""#))
    }

    @MainActor @Test func ctrlCAtThePromptDiscardsTheLineAndTheShellGoesOn() async throws {
        let session = try await InProcessShell(files: Self.project, typing: [.interrupt, .line("/status")])
        #expect(await session.shell.run() == 0)
        session.expectInOrder(["turn      idle"])
        #expect(session.editor.prompts.count == 3, "the interrupt, /status, then the end of input")
        #expect(session.editor.history == ["/status"])
    }

    @MainActor @Test func anUnknownCommandSaysSoAndSuggests() async throws {
        let session = try await InProcessShell(files: Self.project, typing: [.line("/stat")])
        #expect(await session.shell.run() == 0)
        #expect(session.text.contains("/stat"), "\(session.text)")
        #expect(session.text.contains("/stats"), "\(session.text)")
    }

    /// A shell made after another in the same process still gets Ctrl-C: making a router must not
    /// reset the handler Dispatch installed for the first one (it installs it once per process).
    @MainActor @Test func aRouterMadeAfterAnotherStillGetsCtrlC() async {
        for round in 1...3 {
            let heard = DispatchSemaphore(value: 0)
            let router = InterruptRouter { heard.signal() }
            kill(getpid(), SIGINT)
            let result = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: heard.wait(timeout: .now() + 10)) }
            }
            #expect(result == .success, "router \(round) did not hear SIGINT")
            withExtendedLifetime(router) {}
        }
    }
}
