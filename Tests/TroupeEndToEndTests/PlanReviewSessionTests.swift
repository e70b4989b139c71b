import Foundation
import Testing
import TroupeTesting

/// Co-planning in the built shell: the proposed plan shown before it runs, changed with
/// commands, in `$EDITOR` and by feedback, then run — or not run — and replayed exactly.
@Suite(.serialized) struct PlanReviewSessionTests {
    @Test func theUserReshapesThePlanBeforeItRunsAndTheSessionReplays() throws {
        let sandbox = try Sandbox()
        let editor = try sandbox.write(
            "edit-plan.sh", "#!/bin/sh\nsed -i 's/title: Write notes/title: Write the release notes/' \"$1\"\n")
        let first = #"{\"facts\":{},\"steps\":[{\"id\":1,\"title\":\"find the import\",\"persona\":\"researcher\"}]}"#
        let second =
            #"{\"facts\":{},\"steps\":[{\"id\":1,\"title\":\"find the import\",\"persona\":\"researcher\"},{\"id\":2,\"title\":\"fix it\",\"persona\":\"coder\",\"depends_on\":[1]}]}"#
        let script = try sandbox.write(
            "session.jsonl",
            [
                #"{"purpose":"plan","text":"\#(first)"}"#,
                #"{"purpose":"plan","text":"\#(second)"}"#,
                #"{"agent":"researcher","purpose":"work","text":"CSVReader.swift"}"#,
                #"{"agent":"analyst","purpose":"work","text":"fixed"}"#,
                #"{"agent":"writer","purpose":"work","text":"notes written"}"#,
                #"{"purpose":"synthesis","text":"Found, fixed and noted."}"#,
                #"{"purpose":"plan","text":"\#(first)"}"#,
            ].joined(separator: "\n"))
        try sandbox.write(".troupe/config", "progress_ledger: on_trouble\n")
        let shell = try sandbox.startShell(
            // `sh FILE`, not FILE: a test running in parallel may fork while this script's write
            // descriptor is open, and exec of a file open for writing fails with ETXTBSY.
            ["--model", "script:\(script.path)", "--plan-review", "always"], extra: ["EDITOR": "sh \(editor.path)"])
        var at = try shell.expect("› ")
        shell.type("fix the CSV import\r")
        at = try shell.expect("proposed plan", after: at)
        at = try shell.expect("run it? [Y]es", after: at)
        shell.type("r\r")
        at = try shell.expect("what should change? › ", after: at)
        shell.type("fix it too\r")
        at = try shell.expect("2 · pending   coder", after: at)
        at = try shell.expect("run it?", after: at)
        shell.type("/assign 2 @analyst\r")
        at = try shell.expect("2 · pending   analyst", after: at)
        at = try shell.expect("run it?", after: at)
        shell.type("/plan add Write notes @writer after 2\r")
        at = try shell.expect("3 · pending   writer      Write notes  after 2", after: at)
        at = try shell.expect("run it?", after: at)
        shell.type("/plan drop 7\r")
        at = try shell.expect("There is no step 7 in the plan.", after: at)
        shell.type("e\r")
        at = try shell.expect("Write the release notes", after: at)
        at = try shell.expect("run it?", after: at)
        shell.type("\r")
        at = try shell.expect("⇢ orchestrator → analyst  step 2", after: at)
        at = try shell.expect("⇢ orchestrator → writer  step 3", after: at)
        at = try shell.expect("Found, fixed and noted.", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("find the import again\r")
        at = try shell.expect("run it?", after: at)
        shell.type("n\r")
        at = try shell.expect("The plan was not run.", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
        let transcript = try #require(try sandbox.transcripts().last)
        let replay = try sandbox.run(["replay", "--verify", transcript.path])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect((replay.stdout + replay.stderr).contains("matches the recording: 2 turn(s)"))
    }
}
