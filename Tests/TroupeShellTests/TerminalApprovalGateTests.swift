import Synchronization
import Testing
import TroupeCore

@testable import TroupeShell

/// The approval question at the terminal, answered in-process: keys are delivered as the turn's
/// key watcher delivers them, one by one, once the question is open.
@Suite struct TerminalApprovalGateTests {
    /// What the gate wrote, gathered from any thread.
    final class Screen: Sendable {
        let text = Mutex("")
    }

    static let answers: [(String, ApprovalDecision)] = [
        ("y", .approveOnce), ("\r", .approveOnce), ("a", .approveForSession), ("nnot in main\r", .deny(reason: "not in main")),
        ("n\u{7F}x\r", .deny(reason: "x")), ("/deny too wide\r", .deny(reason: "too wide")),
        ("/approve always\r", .approveForSession), ("q/plan\ry", .approveOnce),
    ]

    @Test(arguments: answers) func anAnswerTypedAtTheQuestionDecidesIt(_ typed: String, _ expected: ApprovalDecision) async {
        let screen = Screen()
        let keys = KeyClaims()
        keys.setWatching(true)
        let gate = TerminalApprovalGate(
            sink: OutputSink(writer: { text in screen.text.withLock { $0 += text } }), style: TextStyle(enabled: false),
            keys: keys)
        let request = ApprovalRequest(
            handoff: "h1", requestedBy: "orchestrator", persona: "coder", step: 2, instruction: "add the file", risks: [],
            tool: "write_file", preview: "+hello\n+\u{1B}]0;owned\u{7}")
        let decision = Task { await gate.decide(request) }
        for byte in typed.utf8 {
            var tries = 0
            while !keys.deliver(byte) {
                tries += 1
                guard tries < 1_000_000 else {
                    Issue.record("the question never opened")
                    decision.cancel()
                    return
                }
                await Task.yield()
            }
        }
        #expect(await decision.value == expected)
        let shown = screen.text.withLock { $0 }
        #expect(shown.contains("? approve write_file  coder · step 2: add the file"))
        #expect(shown.contains("    +hello"))
        #expect(shown.contains("␛]0;owned␇"), "the escape in the diff is shown, not obeyed")
        #expect(!shown.contains("\u{1B}]0;"))
        if typed.hasPrefix("q/plan") { #expect(shown.contains("answer y, a, n, /approve [always] or /deny [reason]")) }
    }
}
