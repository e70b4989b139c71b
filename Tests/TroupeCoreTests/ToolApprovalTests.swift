import Foundation
import Testing
import TroupeTesting
import TroupeTools

@testable import TroupeCore

/// The file-changing tools under approval: each permission mode, files that can make something
/// run, "always" for a tool, and commands too tall or wide to be shown honestly.
@Suite struct ToolApprovalTests {
    let folder: TemporaryFolder
    let workspace: Workspace
    let locks = FileLocks()

    init() throws {
        folder = try TemporaryFolder()
        workspace = Workspace(root: folder.url)
    }

    func text(_ path: String) throws -> String {
        try String(contentsOf: folder.url.appendingPathComponent(path), encoding: .utf8)
    }

    /// A coder whose model writes a file, under each permission mode.
    func coderWrites(mode: PermissionMode, answers: [ApprovalDecision]) async throws -> (ToolReturned, ScriptedGate) {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("coder", "add the file", [])])),
            Entry(
                agent: "coder", purpose: .work,
                toolCalls: [
                    .init(name: "write_file", arguments: .object(["path": .string("a.txt"), "content": .string("hello\n")]))
                ]),
            Entry(agent: "coder", purpose: .work, text: "done"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true, satisfied: true)),
            Entry(purpose: .synthesis, text: "Done."),
        ])
        let gate = ScriptedGate(answers)
        let tools = ToolBox(WorkspaceTools.standard(workspace, locks: locks))
        let orchestrator = Orchestrator(
            registry: await builtinRegistry(bus: log.bus), gateway: ModelGateway(model: model, bus: log.bus), tools: tools,
            configuration: OrchestratorConfiguration(retryBackoff: .zero),
            approvals: HandoffApprovals(
                gate: gate, sessionPolicy: .auto, toolEffects: tools.effects, sessionPermissionMode: mode))
        _ = await orchestrator.handle("add a.txt")
        guard case .toolReturned(let returned)? = log.first("tool.result")?.kind else {
            throw ToolOutputError(ToolOutput(text: "", summary: ""))
        }
        return (returned, gate)
    }

    @Test func askShowsTheDiffAndADenialGoesBackToTheWorker() async throws {
        let (result, gate) = try await coderWrites(mode: .ask, answers: [.deny(reason: "not in this folder")])
        #expect(gate.asked.first?.tool == "write_file")
        #expect(gate.asked.first?.preview?.contains("+hello") == true)
        #expect(result.isError)
        #expect(result.output == "error: the user did not allow create a.txt (+1 −0 lines): not in this folder")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("a.txt").path))
    }

    @Test func acceptEditsWritesWithoutAskingAndReadOnlyRefusesWithoutAsking() async throws {
        let (accepted, askedNone) = try await coderWrites(mode: .acceptEdits, answers: [])
        #expect(!accepted.isError)
        #expect(askedNone.asked.isEmpty)
        #expect(try text("a.txt") == "hello\n")
        let (refused, stillNone) = try await coderWrites(mode: .readOnly, answers: [])
        #expect(refused.output.contains("coder is read-only"))
        #expect(stillNone.asked.isEmpty)
    }

    @Test(arguments: [
        ".git/config", ".git/hooks/pre-commit", ".mcp.json", ".troupe/config", "personas/coder.md",
        ".claude/settings.json", "sub/.envrc", "vendor/lib/.git/config", ".GIT/config", ".hg/hgrc", ".husky/pre-commit",
        ".pre-commit-config.yaml", ".cargo/config.toml", ".npmrc", "web/.yarnrc.yml", "rust-toolchain.toml",
    ])
    func writingAFileThatCanMakeSomethingRunIsAskedAboutEvenUnderAcceptEdits(_ path: String) async throws {
        let preview = try #require(
            try await WriteFileTool(workspace: workspace, locks: locks)
                .preview(arguments: .object(["path": .string(path), "content": .string("x\n")]))?.get())
        #expect(preview.protectedBecause != nil)
        let gate = ScriptedGate([.deny(reason: "no")])
        var coder = try #require(BuiltinPersonas.all.first { $0.name == "coder" })
        coder.permissionMode = .acceptEdits
        let refusal = await HandoffApprovals(gate: gate).reviewTool(
            "write_file", preview: preview, persona: coder, step: 1, bus: EventBus())
        #expect(refusal?.hasPrefix("the user did not allow") == true)
        #expect(gate.asked.first?.instruction.contains("protected:") == true)
        let ordinary = try #require(
            try await WriteFileTool(workspace: workspace, locks: locks)
                .preview(arguments: .object(["path": .string("Sources/a.swift"), "content": .string("x\n")]))?.get())
        #expect(ordinary.protectedBecause == nil)
        #expect(
            await HandoffApprovals(gate: gate).reviewTool(
                "write_file", preview: ordinary, persona: coder, step: 1, bus: EventBus()) == nil)
    }

    @Test func alwaysForAToolDoesNotCoverAProtectedFileAndATallCommandIsRefused() async throws {
        let gate = ScriptedGate([.approveForSession, .deny(reason: "not the hooks")])
        let approvals = HandoffApprovals(gate: gate)
        let coder = try #require(BuiltinPersonas.all.first { $0.name == "coder" })
        let tool = WriteFileTool(workspace: workspace, locks: locks)
        func preview(_ path: String) async throws -> ToolPreview {
            try #require(try await tool.preview(arguments: .object(["path": .string(path), "content": .string("x\n")]))?.get())
        }
        #expect(
            await approvals.reviewTool(
                "write_file", preview: try await preview("a.txt"), persona: coder, step: 1, bus: EventBus()) == nil)
        #expect(
            await approvals.reviewTool(
                "write_file", preview: try await preview("b.txt"), persona: coder, step: 1, bus: EventBus()) == nil)
        let hook = await approvals.reviewTool(
            "write_file", preview: try await preview(".git/hooks/pre-commit"), persona: coder, step: 1, bus: EventBus())
        #expect(hook == "the user did not allow create .git/hooks/pre-commit (+1 −0 lines): not the hooks")
        #expect(gate.asked.count == 2, "asked for the first write and for the hook, not for the second ordinary write")
        let tall = ToolPreview(kind: .command, summary: "run: …", detail: (1...41).map { "true \($0)" }.joined(separator: "\n"))
        let refused = await HandoffApprovals(gate: ScriptedGate([.approveOnce])).reviewTool(
            "run_command", preview: tall, persona: coder, step: 1, bus: EventBus())
        #expect(refused?.hasPrefix("run_command was not run: its command is 41 lines") == true, "\(refused ?? "")")
        let wide = ToolPreview(
            kind: .command, summary: "run: …",
            detail: "touch HIDDEN; : '" + String(repeating: "\u{3164}", count: 8_000) + "'; echo harmless")
        let refusedWide = await HandoffApprovals(gate: ScriptedGate([.approveOnce])).reviewTool(
            "run_command", preview: wide, persona: coder, step: 1, bus: EventBus())
        #expect(
            refusedWide?.hasPrefix("run_command was not run: its command takes 80033 columns shown") == true,
            "\(refusedWide ?? "")")
        // Alternating invisible characters are never one run: 400 of them take 4,000 columns.
        let alternating = ToolPreview(
            kind: .command, summary: "run: …",
            detail: "touch HIDDEN; : '" + String(repeating: "\u{200B}\u{200C}", count: 200) + "'")
        let refusedAlternating = await HandoffApprovals(gate: ScriptedGate([.approveOnce])).reviewTool(
            "run_command", preview: alternating, persona: coder, step: 1, bus: EventBus())
        #expect(refusedAlternating?.hasPrefix("run_command was not run: its command takes 4018 columns shown") == true)
    }
}
