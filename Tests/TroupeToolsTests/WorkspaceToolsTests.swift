import Foundation
import Testing
import TroupeCore
import TroupeTesting

@testable import TroupeTools

@Suite struct WorkspaceToolsTests {
    @Test func refusesPathsOutsideTheWorkspace() throws {
        let outside = try TemporaryFolder()
        try outside.write("secret.txt", "secret")
        let folder = try TemporaryFolder()
        try folder.write("inside.txt", "ok")
        try FileManager.default.createSymbolicLink(
            at: folder.url.appendingPathComponent("escape"), withDestinationURL: outside.url)
        let workspace = Workspace(root: folder.url)
        #expect(throws: Workspace.PathError.outside("../")) { try workspace.resolve("../") }
        #expect(throws: Workspace.PathError.outside("escape/secret.txt")) { try workspace.resolve("escape/secret.txt") }
        #expect(throws: Workspace.PathError.outside(outside.url.path)) { try workspace.resolve(outside.url.path) }
        #expect(try workspace.resolve("inside.txt").lastPathComponent == "inside.txt")
    }

    @Test func toolsReportErrorsToTheModelInsteadOfThrowing() async throws {
        let folder = try TemporaryFolder()
        let tool = ReadFileTool(workspace: Workspace(root: folder.url))
        let output = await tool.run(arguments: .object(["path": .string("../../etc/passwd")]))
        #expect(output.isError)
        #expect(output.text.contains("outside the workspace"))
    }

    @Test func countsLinesAndWords() async throws {
        let folder = try TemporaryFolder()
        try folder.write("a.swift", "one two\nthree\n")
        try folder.write("b.swift", "four")
        try folder.write("c.md", "ignored words here\n")
        let output = await CountLinesTool(workspace: Workspace(root: folder.url))
            .run(arguments: .object(["extension": .string("swift")]))
        #expect(output.summary == "2 files under .: 3 lines, 4 words in total")
        #expect(
            output.text.split(separator: "\n").dropFirst(2).map { $0.trimmingCharacters(in: .whitespaces) } == [
                "2      3  a.swift", "1      1  b.swift",
            ])
    }

    @Test func searchesAndReads() async throws {
        let folder = try TemporaryFolder()
        try folder.write("src/parser.swift", "func parse() {}\n// parse( here\n")
        let workspace = Workspace(root: folder.url)
        let search = await SearchFilesTool(workspace: workspace).run(
            arguments: .object(["pattern": .string("PARSE("), "-i": .bool(true)]))
        #expect(
            search.text
                == "2 matches of \"PARSE(\" in 1 file under . (1 file searched: .gitignore rules applied; the pattern is "
                + "not a valid regular expression, so searched as literal text)\n"
                + "src/parser.swift:1: func parse() {}\nsrc/parser.swift:2: // parse( here")
        let read = await ReadFileTool(workspace: workspace).run(
            arguments: .object(["path": .string("src/parser.swift"), "start": .number(2)]))
        #expect(read.text.hasPrefix("src/parser.swift (2 lines)\n     2\t// parse( here"))
    }

    @Test func numbersAModelSendsBeyondIntAreIgnoredNotFatal() async throws {
        #expect(JSONValue.number(1e300).intValue == nil)
        #expect(JSONValue.number(-.infinity).intValue == nil)
        #expect(JSONValue.number(-3.7).intValue == -3)
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "one\ntwo\n")
        let read = await ReadFileTool(workspace: Workspace(root: folder.url)).run(
            arguments: .object(["path": .string("a.txt"), "start": .number(1e300)]))
        #expect(read.text.hasPrefix("a.txt (2 lines)\n     1\tone"))
    }
}
