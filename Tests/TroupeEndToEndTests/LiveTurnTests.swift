import Foundation
import Testing
import TroupeTesting

/// Typing while a turn runs: the live line under the output, commands that inspect and steer
/// the running plan, and requests queued for the next turn.
@Suite(.serialized) struct LiveTurnTests {
    static let plan =
        #"{"purpose":"plan","text":"{\"facts\":{},\"steps\":[{\"id\":1,\"title\":\"find the import code\",\"persona\":\"researcher\"},{\"id\":2,\"title\":\"draft the fix\",\"persona\":\"coder\",\"depends_on\":[1]},{\"id\":3,\"title\":\"write release notes\",\"persona\":\"writer\",\"depends_on\":[2]}]}"}"#

    @Test func commandsTypedWhileWorkersRunInspectAndSteerThePlanAndOtherInputIsQueued() throws {
        let sandbox = try Sandbox()
        let script = try sandbox.write(
            "session.jsonl",
            [
                Self.plan,
                #"{"agent":"researcher","purpose":"work","text":"CSVReader.swift, line 40","delay_ms":8000}"#,
                #"{"agent":"analyst","purpose":"work","text":"the fix: trim the header"}"#,
                #"{"purpose":"synthesis","text":"Found and fixed; notes skipped."}"#,
                #"{"purpose":"plan","text":"{\"needs_plan\": false, \"direct_answer\": \"Next: run the tests.\", \"steps\": []}"}"#,
            ].joined(separator: "\n"))
        try sandbox.write(".troupe/config", "progress_ledger: on_trouble\n")
        let shell = try sandbox.startShell(["--model", "script:\(script.path)"])
        var at = try shell.expect("› ")
        shell.type("fix the CSV import and write notes\r")
        at = try shell.expect("⇢ orchestrator → researcher  step 1", after: at)
        at = try shell.expect("Ctrl-C or /stop interrupts", after: at)
        shell.type("/pl")
        at = try shell.expect("» /pl", after: at)
        shell.type("an\r")
        at = try shell.expect("1 … running", after: at)
        at = try shell.expect("2 · pending", after: at)
        shell.type("/graph\r")
        at = try shell.expect("plan graph  3 steps in 3 layers · critical path 1 → 2 → 3", after: at)
        at = try shell.expect("… 1 researcher", after: at)
        shell.type("/timeline\r")
        at = try shell.expect("timeline  running · ", after: at)
        at = try shell.expect("1 … researcher find the import", after: at)
        shell.type("/assign 2 @analyst\r")
        at = try shell.expect("Step 2 goes to analyst if it has not started.", after: at)
        shell.type("/skip 3\r")
        at = try shell.expect("Noted for step 3", after: at)
        shell.type("what should I do next?\r")
        at = try shell.expect("queued: runs when this turn ends (1 waiting)", after: at)
        at = try shell.expect("⎿ researcher CSVReader.swift, line 40", after: at)
        at = try shell.expect("⇢ orchestrator → analyst  step 2", after: at)
        at = try shell.expect("Found and fixed; notes skipped.", after: at)
        at = try shell.expect("› what should I do next?", after: at)
        at = try shell.expect("Next: run the tests.", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/plan\r")
        at = try shell.expect("3 – skipped", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
        let transcript = try String(contentsOf: try #require(try sandbox.transcripts().last), encoding: .utf8)
        #expect(transcript.contains(#""detail":"step 2 → analyst","kind":"assign""#))
        #expect(transcript.contains(#""detail":"step 3","kind":"skip""#))
    }

    @Test func pauseHoldsBackStepsAndStopEndsTheTurn() throws {
        let sandbox = try Sandbox()
        let script = try sandbox.write(
            "session.jsonl",
            [
                Self.plan,
                #"{"agent":"researcher","purpose":"work","text":"CSVReader.swift, line 40","delay_ms":1500}"#,
            ].joined(separator: "\n"))
        try sandbox.write(".troupe/config", "progress_ledger: on_trouble\n")
        let shell = try sandbox.startShell(["--model", "script:\(script.path)"])
        var at = try shell.expect("› ")
        shell.type("fix the CSV import and write notes\r")
        at = try shell.expect("⇢ orchestrator → researcher  step 1", after: at)
        shell.type("/pause\r")
        at = try shell.expect("Paused: running steps finish, no new step starts.", after: at)
        at = try shell.expect("⏸", after: at)
        at = try shell.expect("⇠ researcher → orchestrator  ✓ step 1", after: at)
        shell.type("/plan\r")
        at = try shell.expect("2 · pending", after: at)
        shell.type("/stop\r")
        at = try shell.expect("Stopping: running steps are cancelled", after: at)
        at = try shell.expect("cancelled", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/pause\r")
        at = try shell.expect("No turn is running.", after: at)
        // Ctrl-D only once the line editor is reading again: typed while the terminal is still in
        // cooked mode, the tty turns it into an end-of-file mark that is lost when the editor
        // switches to raw mode.
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
    }

    @Test func aRunningCommandsOutputShowsAsTheLiveTail() throws {
        let sandbox = try Sandbox()
        let plan = #"{\"facts\":{},\"steps\":[{\"id\":1,\"title\":\"run the checks\",\"persona\":\"coder\"}]}"#
        let script = try sandbox.write(
            "session.jsonl",
            [
                #"{"purpose":"plan","text":"\#(plan)"}"#,
                #"{"agent":"coder","purpose":"work","tool_calls":[{"name":"run_command","arguments":{"command":"echo check one; sleep 1; echo check two; sleep 1; echo check three"}}]}"#,
                #"{"agent":"coder","purpose":"work","text":"all three checks ran"}"#,
                #"{"purpose":"synthesis","text":"Checks done."}"#,
            ].joined(separator: "\n"))
        try sandbox.write(".troupe/config", "progress_ledger: on_trouble\n")
        let shell = try sandbox.startShell(["--model", "script:\(script.path)", "--permission-mode", "auto"])
        var at = try shell.expect("› ")
        shell.type("run the checks\r")
        at = try shell.expect("⎿ $ check one", after: at)
        at = try shell.expect("⎿ $ check two", after: at)
        at = try shell.expect("run_command", after: at)
        at = try shell.expect("Checks done.", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
        let transcript = try String(contentsOf: try #require(try sandbox.transcripts().last), encoding: .utf8)
        #expect(!transcript.contains("⎿"))
        #expect(transcript.contains("check three"))
    }
}
