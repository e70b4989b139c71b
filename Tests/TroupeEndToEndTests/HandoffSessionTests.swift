import Foundation
import Testing
import TroupeTesting

/// Approvals and the handoff inspector in the built shell, typed at through a pseudo-terminal.
@Suite(.serialized) struct HandoffSessionTests {
    @Test func theUserDeniesThenApprovesForTheSessionAndInspectsTheHandoffs() throws {
        let sandbox = try Sandbox()
        try sandbox.write(
            "personas/auditor.md",
            """
            ---
            name: auditor
            description: Audits code for defects.
            capabilities: [audit, review]
            approval: ask
            ---
            You audit code.
            """)
        try sandbox.write(".troupe/config", "progress_ledger: on_trouble\n")
        let script = try sandbox.write(
            "session.jsonl",
            """
            {"purpose":"plan","text":"{\\"facts\\":{},\\"steps\\":[{\\"id\\":1,\\"title\\":\\"audit the parser\\",\\"persona\\":\\"auditor\\"},{\\"id\\":2,\\"title\\":\\"audit the lexer\\",\\"persona\\":\\"auditor\\"}]}"}
            {"agent":"auditor","purpose":"work","text":"lexer is sound"}
            {"purpose":"progress_ledger","text":"{\\"is_request_satisfied\\":{\\"reason\\":\\"r\\",\\"answer\\":false},\\"is_in_loop\\":{\\"reason\\":\\"r\\",\\"answer\\":false},\\"is_progress_being_made\\":{\\"reason\\":\\"r\\",\\"answer\\":true},\\"next_speaker\\":{\\"reason\\":\\"r\\",\\"answer\\":\\"auditor\\"},\\"instruction_or_question\\":{\\"reason\\":\\"r\\",\\"answer\\":\\"go\\"}}"}
            {"purpose":"synthesis","text":"Lexer audited; the parser audit was not approved."}
            """)
        let shell = try sandbox.startShell(["--model", "script:\(script.path)", "--max-parallel", "1"])
        var at = try shell.expect("› ")
        shell.type("audit the parser and the lexer\r")
        at = try shell.expect("? approve handoff  orchestrator → auditor · step 1: audit the parser", after: at)
        at = try shell.expect("[y]es once · [a]lways for auditor · [n]o", after: at)
        shell.type("n")
        at = try shell.expect("reason (Enter for none): ", after: at)
        shell.type("not todax\u{7f}y\r")
        at = try shell.expect("⊘ h1 to auditor rejected step 1: the handoff to auditor was not approved: not today", after: at)
        at = try shell.expect("↺ h1 rolled back: step 1 is pending again", after: at)
        at = try shell.expect("? approve handoff  orchestrator → auditor · step 2: audit the lexer", after: at)
        shell.type("a")
        at = try shell.expect("always for auditor", after: at)
        at = try shell.expect("Lexer audited; the parser audit was not approved.", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/handoffs\r")
        at = try shell.expect("h1 orchestrator → auditor  step 1  ↺ rolled back", after: at)
        at = try shell.expect("h2 orchestrator → auditor  step 2  ✓ completed", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/handoff h2\r")
        at = try shell.expect("\"instruction\" : \"audit the lexer\"", after: at)
        at = try shell.expect("lexer is sound", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
    }
}
