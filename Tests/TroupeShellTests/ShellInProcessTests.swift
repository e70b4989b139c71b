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
    private nonisolated let output = Collected()
    let editor: ScriptedLineEditor
    let shell: Shell

    var folder: URL { workspace.url }
    /// The session's transcript as written so far.
    var transcript: String {
        (try? String(contentsOf: session.url.appendingPathComponent("session.jsonl"), encoding: .utf8)) ?? ""
    }

    init(
        files: [String: String], typing lines: [LineInput], model: any ChatModel = OfflineModel(),
        planReview: PlanReviewPolicy = PlanReviewPolicy()
    ) async throws {
        workspace = try TemporaryFolder()
        session = try TemporaryFolder()
        for (path, text) in files { try workspace.write(path, text) }
        let bus = EventBus()
        let catalog = PersonaLoader(folders: []).load()
        let registry = AgentRegistry(bus: bus)
        for persona in catalog.personas { await registry.register(persona) }
        let router = ModelRouter(sessionModel: model)
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
            style: TextStyle(enabled: false), sink: OutputSink(writer: { text in output.text.withLock { $0 += text } }),
            planReview: planReview)
        editor = ScriptedLineEditor(script: lines)
        shell = Shell(context: context, editor: editor, interactive: true)
    }

    var text: String { output.text.withLock { $0 } }

    /// Waits until the output holds `piece` (false, and an issue recorded, after 20 s).
    nonisolated func waitForOutput(_ piece: String, sourceLocation: SourceLocation = #_sourceLocation) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if output.text.withLock({ $0.contains(piece) }) { return true }
            try? await Task.sleep(for: .milliseconds(2))
        }
        Issue.record("'\(piece)' never appeared", sourceLocation: sourceLocation)
        return false
    }

    /// True the first time it is asked, false after.
    final class FirstTime: Sendable {
        private let asked = Mutex(false)

        func now() -> Bool {
            asked.withLock { asked in
                defer { asked = true }
                return !asked
            }
        }
    }

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

    /// Typing below a running turn: live commands run at once (pause, status, resume), an unknown
    /// one says so, a request and a command that waits are queued and run after the turn, in order.
    @MainActor @Test func commandsTypedDuringATurnSteerItOrWaitForIt() async throws {
        let gated = GatedModel(OfflineModel(), holding: "researcher")
        let session = try await InProcessShell(
            files: Self.project, typing: [.line("List the Swift files under Sources and count their lines")], model: gated)
        let firstTurn = InProcessShell.FirstTime()
        session.editor.duringTurn = { type in
            guard firstTurn.now() else { return }
            Task.detached {
                defer { gated.open() }
                guard await session.waitForOutput("→ researcher") else { return }
                type("/pause")
                guard await session.waitForOutput("Paused: running steps finish") else { return }
                type("/status")
                guard await session.waitForOutput("steps done · 1 running · paused") else { return }
                type("/zzz")
                guard await session.waitForOutput("Unknown command /zzz.") else { return }
                type("/model")
                type("list the files under notes")
                guard await session.waitForOutput("(2 waiting)") else { return }
                type("/resume")
                _ = await session.waitForOutput("Resumed.")
            }
        }
        #expect(await session.shell.run() == 0)
        session.expectInOrder([
            "Paused: running steps finish, no new step starts.", "running · 0/2 steps done · 1 running · paused",
            "Unknown command /zzz.", "queued: runs when this turn ends (1 waiting)", "(2 waiting)", "Resumed.",
            "── completed", "› /model", "session model: offline", "› list the files under notes", "── completed",
        ])
        #expect(
            session.editor.history == [
                "List the Swift files under Sources and count their lines", "/model", "list the files under notes",
            ])
    }

    /// `/stop` and Ctrl-C typed during a turn each cancel that turn, and the shell goes on.
    @MainActor @Test(arguments: ["/stop", "\u{3}"]) func stopOrCtrlCDuringATurnCancelsItAndTheShellGoesOn(_ typed: String)
        async throws
    {
        let gated = GatedModel(OfflineModel(), holding: "researcher")
        let session = try await InProcessShell(
            files: Self.project, typing: [.line("List the Swift files under Sources and count their lines"), .line("/status")],
            model: gated)
        session.editor.duringTurn = { type in
            Task.detached {
                if await session.waitForOutput("→ researcher") { type(typed) }
                _ = await session.waitForOutput("cancelled")
                gated.open()
            }
        }
        #expect(await session.shell.run() == 0)
        let said = typed == "/stop" ? ["Stopping: running steps are cancelled and their handoffs rolled back."] : []
        session.expectInOrder(["→ researcher"] + said + ["── cancelled", "turn      idle · last turn cancelled"])
        #expect(session.transcript.contains(#""outcome":"cancelled""#))
    }

    /// Plan review at the prompt: the plan is shown, changed by a command, a bad edit and an
    /// unknown answer are explained, and it runs only on yes; a no leaves the next plan unrun.
    @MainActor @Test func aReviewedPlanIsChangedThenRunAndTheNextDeclined() async throws {
        let session = try await InProcessShell(
            files: Self.project,
            typing: [
                "List the Swift files under Sources and count their lines", "/assign 2 @researcher", "/plan drop 7", "maybe",
                "y", "List the Swift files under notes and count their lines", "n",
            ].map(LineInput.line), planReview: PlanReviewPolicy(mode: .always))
        #expect(await session.shell.run() == 0)
        session.expectInOrder([
            "proposed plan", "2 · pending   analyst", "2 · pending   researcher", "There is no step 7 in the plan.",
            "Answer y, e, r or n", "⇢ orchestrator → researcher  step 2", "── completed", "proposed plan",
            "The plan was not run.",
        ])
        #expect(session.editor.prompts.filter { $0.hasPrefix("run it?") }.count == 5)
        #expect(session.transcript.contains(#""kind":"plan_edited""#))
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
