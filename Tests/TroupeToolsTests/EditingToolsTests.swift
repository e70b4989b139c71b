import Foundation
import Synchronization
import Testing
import TroupeTesting
import TroupeTools

@testable import TroupeCore

@Suite struct EditingToolsTests {
    @Test func theStandardToolsDeclareWhatTheyDo() {
        let effects = ToolBox(WorkspaceTools.standard(Workspace(root: FileManager.default.temporaryDirectory))).effects
        #expect(effects.filter { $0.value.changesThings }.keys.sorted() == ["edit_file", "run_command", "write_file"])
        #expect(effects["web_fetch"] == .readsTheNetwork)
        #expect(effects.filter { $0.value == .readsOnly }.count == effects.count - 4)
    }

    let folder: TemporaryFolder
    let outside: TemporaryFolder
    let workspace: Workspace
    let locks = FileLocks()

    init() throws {
        folder = try TemporaryFolder()
        outside = try TemporaryFolder()
        workspace = Workspace(root: folder.url)
    }

    func write(_ path: String, _ content: String) async -> ToolOutput {
        await WriteFileTool(workspace: workspace, locks: locks).run(
            arguments: .object(["path": .string(path), "content": .string(content)]))
    }

    func edit(_ path: String, _ old: String, _ new: String, all: Bool = false) async -> ToolOutput {
        await EditFileTool(workspace: workspace, locks: locks).run(
            arguments: .object([
                "path": .string(path), "old_string": .string(old), "new_string": .string(new), "replace_all": .bool(all),
            ]))
    }

    func text(_ path: String) throws -> String {
        try String(contentsOf: folder.url.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func severalEditsApplyInOrderAllOrNothingInOneDiff() async throws {
        _ = await write("Parser.swift", "func parse() {}\nfunc lex() {}\n")
        func edits(_ list: [(String, String)]) -> JSONValue {
            .object([
                "file_path": .string("Parser.swift"),
                "edits": .array(list.map { .object(["old_string": .string($0.0), "new_string": .string($0.1)]) }),
            ])
        }
        let tool = EditFileTool(workspace: workspace, locks: locks)
        // The second edit reads the text the first one left.
        let done = await tool.run(
            arguments: edits([("func parse()", "func parseRows()"), ("parseRows() {}", "parseRows() { [] }")]))
        #expect(!done.isError, "\(done.text)")
        #expect(try text("Parser.swift") == "func parseRows() { [] }\nfunc lex() {}\n")
        #expect(done.text.contains("-func parse() {}\n+func parseRows() { [] }"))
        let refused = await tool.run(arguments: edits([("func lex()", "func tokens()"), ("missing", "x")]))
        #expect(refused.isError)
        #expect(refused.text == "error: edit 2 of 2: old_string was not found in Parser.swift; no edit was made")
        #expect(try text("Parser.swift") == "func parseRows() { [] }\nfunc lex() {}\n")
        let preview = await tool.preview(arguments: edits([("func lex()", "func tokens()"), ("{}", "{ }")]))
        guard case .success(let shown)? = preview else {
            Issue.record("no preview")
            return
        }
        #expect(shown.detail.contains("+func tokens() { }"))
    }

    @Test func writesCreateFoldersAndShowADiff() async throws {
        let created = await write("Sources/New/A.swift", "let a = 1\n")
        #expect(!created.isError)
        #expect(created.summary == "created Sources/New/A.swift (+1 −0 lines)")
        #expect(created.files == ["Sources/New/A.swift"])
        let rewritten = await write("Sources/New/A.swift", "let a = 2\n")
        #expect(rewritten.text.contains("-let a = 1\n+let a = 2"))
        #expect(try text("Sources/New/A.swift") == "let a = 2\n")
    }

    @Test(arguments: ["../escape.txt", "/etc/troupe-escape.txt", "Sources/../../escape.txt"])
    func pathsOutsideTheWorkspaceAreRefused(_ path: String) async {
        let output = await write(path, "x")
        #expect(output.isError)
        #expect(output.text.contains("outside the workspace"))
    }

    @Test func symlinksThatLeadOutAreRefused() async throws {
        let secret = try outside.write("secret.txt", "keep")
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("link.txt"), withDestinationURL: secret)
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("out"), withDestinationURL: outside.url)
        let throughFile = await write("link.txt", "overwritten")
        #expect(throughFile.isError)
        #expect(throughFile.text.contains("symlink"))
        let throughFolder = await write("out/secret.txt", "overwritten")
        #expect(throughFolder.isError)
        #expect(throughFolder.text.contains("symlink"))
        #expect(try String(contentsOf: secret, encoding: .utf8) == "keep")
    }

    @Test func aFileSwappedForASymlinkAfterTheCheckIsStillRefused() async throws {
        let secret = try outside.write("secret.txt", "keep")
        try folder.write("notes.txt", "mine\n")
        let tool = WriteFileTool(workspace: workspace, locks: locks)
        let arguments: JSONValue = .object(["path": .string("notes.txt"), "content": .string("changed")])
        guard case .success(let preview)? = await tool.preview(arguments: arguments) else {
            Issue.record("no preview")
            return
        }
        #expect(preview.kind == .edit)
        // Between the approval and the write, the file becomes a symlink out of the workspace.
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("notes.txt"))
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("notes.txt"), withDestinationURL: secret)
        let output = await tool.run(arguments: arguments)
        #expect(output.isError)
        #expect(try String(contentsOf: secret, encoding: .utf8) == "keep")
    }

    @Test func editsReplaceOneExactPieceOrEveryOneWhenAsked() async throws {
        try folder.write("a.txt", "one two one\n")
        let ambiguous = await edit("a.txt", "one", "1")
        #expect(ambiguous.isError)
        #expect(ambiguous.text.contains("occurs 2 times"))
        let missing = await edit("a.txt", "three", "3")
        #expect(missing.text.contains("was not found"))
        let unique = await edit("a.txt", "two", "2")
        #expect(unique.summary == "edited a.txt (+1 −1 lines)")
        #expect(try text("a.txt") == "one 2 one\n")
        _ = await edit("a.txt", "one", "1", all: true)
        #expect(try text("a.txt") == "1 2 1\n")
        let absent = await edit("b.txt", "x", "y")
        #expect(absent.text.contains("use write_file to create it"))
    }

    /// What happened, in order, across tasks.
    final class Timeline: Sendable {
        private let entries = Mutex<[String]>([])
        func add(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    @Test func oneWriterPerFileAtATime() async throws {
        let locks = FileLocks()
        let timeline = Timeline()
        let (release, releaser) = AsyncStream<Void>.makeStream()
        let first = Task {
            await locks.withLock("a.txt") {
                timeline.add("first in")
                for await _ in release { break }
                timeline.add("first out")
            }
        }
        while !(await locks.isLocked("a.txt")) { await Task.yield() }
        let second = Task { await locks.withLock("a.txt") { timeline.add("second") } }
        for _ in 0..<100 { await Task.yield() }
        #expect(timeline.all == ["first in"])
        releaser.yield()
        await first.value
        await second.value
        #expect(timeline.all == ["first in", "first out", "second"])
        #expect(!(await locks.isLocked("a.txt")))
    }

    @Test func aNewFileGetsTheUsersUmask() async throws {
        let previous = umask(0o077)
        defer { umask(previous) }
        #expect(!(await write("private.txt", "x\n")).isError)
        let mode = try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent("private.txt").path)[
            .posixPermissions]
        #expect(mode as? Int == 0o600)
    }

    @Test func aWriteReplacesTheFileSoAHardLinkToAFileOutsideIsNotWrittenThrough() async throws {
        let target = outside.url.appendingPathComponent("secret.txt")
        try "outside\n".write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.linkItem(at: target, to: folder.url.appendingPathComponent("linked.txt"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        let result = await write("linked.txt", "inside\n")
        #expect(!result.isError)
        #expect(try String(contentsOf: target, encoding: .utf8) == "outside\n", "the file outside is untouched")
        #expect(try text("linked.txt") == "inside\n")
        let mode = try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent("linked.txt").path)[
            .posixPermissions]
        #expect(mode as? Int == 0o600, "the replaced file keeps its permissions")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains(".troupe-") }
        #expect(leftovers.isEmpty, "no temporary file is left behind")
    }

    @Test func disallowedToolsAreNeitherOfferedNorRun() async throws {
        let persona = try PersonaParser.parse(
            "---\nname: p\ndescription: d\ntools: [read_file, write_file]\ndisallowed_tools: [write_file]\npermissionMode: acceptEdits\n---\n",
            path: "p.md", source: .builtin)
        #expect(persona.permissionMode == .acceptEdits)
        let tools = ToolBox(WorkspaceTools.standard(workspace, locks: locks))
        #expect(tools.specs(for: persona).map(\.name) == ["read_file"])
        let output = await tools.run(
            ToolCall(id: "1", name: "write_file", arguments: "{\"path\":\"a\",\"content\":\"b\"}"), for: persona)
        #expect(output.isError)
        #expect(output.text.contains("not available to p"))
    }
}
