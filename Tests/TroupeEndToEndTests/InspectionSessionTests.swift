import Foundation
import Testing
import TroupeTesting

/// The input conveniences only the real line editor has — a line continued with `\`, a
/// bracketed paste of several lines sent as one request — in the built shell on the offline
/// model, and the transcript they leave. (The inspection commands themselves run in-process:
/// `ShellInProcessTests`.)
@Suite(.serialized) struct InspectionSessionTests {
    @Test func continuedLinesAndAPasteOfSeveralLinesAreOneRequestEach() throws {
        let sandbox = try Sandbox()
        try sandbox.write("Sources/App/main.swift", "print(\"hello\")\nlet x = 1\n")
        let shell = try sandbox.startShell()
        var at = try shell.expect("› ")
        shell.type("List the Swift files under Sources, \\\r")
        at = try shell.expect("… ", after: at)
        shell.type("and count their lines\r")
        at = try shell.expect("── completed", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("\u{1B}[200~List the files under Sources\rthen count their lines\u{1B}[201~")
        at = try shell.expect("List the files under Sources␤then count their lines", after: at)
        shell.type("\r")
        at = try shell.expect("── completed", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
        let transcript = try String(contentsOf: try #require(try sandbox.transcripts().last), encoding: .utf8)
        #expect(transcript.contains(#""text":"List the Swift files under Sources, \nand count their lines""#))
        #expect(transcript.contains(#""text":"List the files under Sources\nthen count their lines""#))
    }
}
