import Foundation
import Testing
import TroupeTesting

/// Models per persona from configuration and persona files, and `/model` in the shell.
@Suite(.serialized) struct ModelConfigurationTests {
    @Test func configurationRoutesAPersonaAndModelCommandChangesIt() throws {
        let sandbox = try Sandbox()
        let script = try sandbox.write(
            "writer.jsonl", "{\"agent\":\"writer\",\"purpose\":\"work\",\"text\":\"scripted prose\"}\n")
        try sandbox.write(".troupe/config", "model: offline\npersona_models:\n  writer: script:\(script.path)\n")
        try sandbox.write(
            "personas/coder.md", "---\nname: coder\ndescription: Codes.\nmodel: anthropic/claude-test\n---\nYou code.")
        // A scripted model named by the folder's configuration needs the folder trusted.
        let shell = try sandbox.startShell(["--trust-project"])
        var at = try shell.expect("model offline")
        at = try shell.expect("writer uses script:", after: at)
        at = try shell.expect(
            "warning: coder: model 'anthropic/claude-test' is not usable (anthropic/claude-test needs ANTHROPIC_API_KEY)",
            after: at)
        at = try shell.expect("› ", after: at)
        shell.type("@writer say something\r")
        at = try shell.expect("scripted prose", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/model\r")
        at = try shell.expect("session model: offline", after: at)
        at = try shell.expect("writer uses script:", after: at)
        shell.type("/model @writer inherit\r")
        at = try shell.expect("writer now uses the session model (offline).", after: at)
        shell.type("/model @nobody offline\r")
        at = try shell.expect("No persona named 'nobody'.", after: at)
        shell.type("/model mystery/model\r")
        at = try shell.expect("Cannot use 'mystery/model': unknown provider 'mystery'", after: at)
        shell.type("/agents\r")
        at = try shell.expect("model", after: at)
        at = try shell.expect("offline", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
    }

    @Test func aBrokenConfigurationFileIsNamed() throws {
        let sandbox = try Sandbox()
        try sandbox.write(".troupe/config", "max_parallel: [not a number\n")
        let result = try sandbox.run(["run", "-p", "hello"])
        #expect(result.status != 0)
        #expect(result.stderr.contains(".troupe/config: invalid configuration"))
    }

    @Test func aProjectsConfigurationCannotTurnTheQuestionsOff() throws {
        let sandbox = try Sandbox()
        try sandbox.write(".troupe/config", "permission_mode: auto\napproval: auto\n")
        let shell = try sandbox.startShell()
        var at = try shell.expect("permission_mode: auto is not taken")
        at = try shell.expect("approval: auto is not taken", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
        let transcript = try #require(try sandbox.transcripts().first)
        let settings = try #require(try sandbox.records(of: transcript).first?["settings"] as? [String: Any])
        #expect(settings["permissionMode"] == nil && settings["approval"] == nil)
    }

    @Test func anUnknownModelFlagExplainsTheChoices() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["run", "-p", "hello", "--model", "openai/gpt-4.1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("openai/gpt-4.1 needs OPENAI_API_KEY"))
    }
}
