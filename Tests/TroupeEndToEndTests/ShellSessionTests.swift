import Foundation
import Testing
import TroupeTesting

/// The built binary in a pseudo-terminal, typed at as a person would.
@Suite(.serialized) struct ShellSessionTests {
    @Test func aMultiPartRequestShowsPlanHandoffsLedgerAndAnswerAndIsRecorded() throws {
        let sandbox = try Sandbox()
        try sandbox.write("Sources/App/main.swift", "print(\"hello\")\nlet x = 1\n")
        try sandbox.write("Sources/App/Util.swift", "func f() {}\n")
        let shell = try sandbox.startShell()
        var at = try shell.expect("model offline")
        at = try shell.expect("› ", after: at)
        shell.type("List the Swift files under Sources, count their lines, and write a short summary\r")
        at = try shell.expect("plan  (task ledger · 3 steps)", after: at)
        at = try shell.expect("1 researcher  List the Swift files under Sources", after: at)
        at = try shell.expect("⇢ orchestrator → researcher  step 1", after: at)
        at = try shell.expect("researcher  list_files · 2 .swift files under Sources", after: at)
        at = try shell.expect("⇠ researcher → orchestrator  ✓ step 1", after: at)
        at = try shell.expect("ledger  1/3 done", after: at)
        at = try shell.expect("⇢ orchestrator → analyst  step 2", after: at)
        at = try shell.expect("2 files under Sources: 3 lines, 8 words in total", after: at)
        at = try shell.expect("⇢ orchestrator → writer  step 3", after: at)
        at = try shell.expect("ledger  3/3 done", after: at)
        at = try shell.expect("Summary (offline model", after: at)
        at = try shell.expect("── completed", after: at)
        at = try shell.expect("usage  this turn", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/plan\r")
        at = try shell.expect("3 ✓ done", after: at)
        shell.type("/ledger\r")
        at = try shell.expect("to look up:", after: at)
        at = try shell.expect("is_request_satisfied: true", after: at)
        shell.type("/agents\r")
        at = try shell.expect("researcher", after: at)
        at = try shell.expect("healthy", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)

        let transcript = try #require(try sandbox.transcripts().first)
        let objects = try sandbox.records(of: transcript)
        #expect(objects[0]["format"] as? String == "troupe-transcript")
        #expect((objects[0]["terminal"] as? [String: Any])?["columns"] as? Int == 120)
        let types = objects.dropFirst().compactMap { $0["type"] as? String }
        for type in [
            "user.input", "orchestration.plan_started", "orchestration.task_assigned", "orchestration.handoff_initiated",
            "orchestration.handoff_completed", "orchestration.task_completed", "ledger.progress_updated",
            "orchestration.plan_completed", "agent.registered",
        ] {
            #expect(types.contains(type), "transcript lacks \(type)")
        }
        let sequence = objects.dropFirst().compactMap { $0["seq"] as? Int }
        #expect(sequence == Array(1...sequence.count))
    }

    @Test func tabCompletesCommandsAndPersonasAndHistoryPersists() throws {
        let sandbox = try Sandbox()
        try sandbox.write("docs/guide.md", "# Guide\n")
        do {
            let shell = try sandbox.startShell()
            var at = try shell.expect("› ")
            shell.type("/ag\t")
            at = try shell.expect("/agent", after: at)
            shell.type("s\r")
            at = try shell.expect("capabilities", after: at)
            shell.type("@res\t")
            at = try shell.expect("@researcher", after: at)
            shell.type(" list the files under docs\r")
            at = try shell.expect("⇢ user → researcher", after: at)
            at = try shell.expect("1 file under docs", after: at)
            at = try shell.expect("› ", after: at)
            shell.type("héllo wörld\u{1B}[A")
            at = try shell.expect("@researcher list the files under docs", after: at)
            shell.type("\u{03}")
            at = try shell.expect("^C", after: at)
            at = try shell.expect("› ", after: at)
            #expect(try shell.endWithCtrlD() == 0)
        }
        let history = try String(contentsOf: sandbox.home.appendingPathComponent("history"), encoding: .utf8)
        #expect(history.contains("/agents"))
        let again = try sandbox.startShell()
        var at = try again.expect("› ")
        again.type("\u{1B}[A\u{1B}[A")
        at = try again.expect("/agents", after: at)
        again.type("\u{03}")
        at = try again.expect("^C", after: at)
        at = try again.expect("› ", after: at)
        again.type("\u{12}agen")
        at = try again.expect("/agents", after: at)
        again.type("\r")
        at = try again.expect("capabilities", after: at)
        again.type("\u{03}")
        at = try again.expect("^C", after: at)
        at = try again.expect("› ", after: at)
        #expect(try again.endWithCtrlD() == 0)
    }

    @Test func ctrlCCancelsTheRunningTurnAndTheShellGoesOn() throws {
        let sandbox = try Sandbox()
        let script = try sandbox.write(
            "slow.jsonl",
            """
            {"purpose":"plan","text":"{\\"needs_plan\\":true,\\"facts\\":{},\\"steps\\":[{\\"id\\":1,\\"title\\":\\"Look slowly\\",\\"persona\\":\\"researcher\\"}]}"}
            {"agent":"researcher","purpose":"work","text":"never shown","delay_ms":60000}
            {"agent":"writer","purpose":"work","text":"quick answer"}
            """)
        let shell = try sandbox.startShell(["--model", "script:\(script.path)"])
        var at = try shell.expect("› ")
        shell.type("look at everything\r")
        at = try shell.expect("⇢ orchestrator → researcher  step 1", after: at)
        shell.type("\u{03}")
        at = try shell.expect("interrupted by the user", after: at)
        at = try shell.expect("── cancelled", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/plan\r")
        at = try shell.expect("1 – cancelled", after: at)
        shell.type("@writer say something\r")
        at = try shell.expect("quick answer", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
        let transcript = try String(contentsOf: try #require(try sandbox.transcripts().first), encoding: .utf8)
        #expect(transcript.contains("\"type\":\"turn.cancelled\""))
        #expect(!shell.screenText.contains("never shown"))
    }

    /// A key typed the moment the prompt shows must reach the line editor: the terminal leaves
    /// canonical mode before the prompt is written (in canonical mode a Ctrl-D became a NUL).
    @Test func theTerminalTakesKeysOneByOneOnceThePromptShows() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.startShell()
        var at = try shell.expect("› ")
        for _ in 0..<3 {
            #expect(!shell.isCanonical)
            shell.type("/plan\r")
            at = try shell.expect("No plan yet", after: at)
            at = try shell.expect("› ", after: at)
        }
        #expect(try shell.endWithCtrlD() == 0)
    }

    @Test func ctrlCAtThePromptDiscardsTheLine() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.startShell()
        var at = try shell.expect("› ")
        shell.type("this line is discarded")
        at = try shell.expect("this line is discarded", after: at)
        shell.type("\u{03}")
        at = try shell.expect("^C", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/quit\r")
        #expect(try shell.waitForExit() == 0)
        #expect(!shell.screenText.contains("plan  ("))
    }
}
