import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

@Suite struct PersonaLoaderTests {
    @Test func builtInPersonasAllParse() {
        #expect(BuiltinPersonas.all.map(\.name) == ["orchestrator", "researcher", "analyst", "coder", "writer"])
        #expect(BuiltinPersonas.all.count == BuiltinPersonas.files.count)
        let researcher = BuiltinPersonas.all[1]
        #expect(researcher.role == .worker)
        #expect(researcher.tools.contains("list_files"))
        #expect(researcher.systemPrompt.hasPrefix("You are the researcher."))
        #expect(BuiltinPersonas.all[0].role == .orchestrator)
        #expect(!BuiltinPersonas.all[0].isWorker)
    }

    @Test func parsesTheDesignFormat() throws {
        let text = """
            ---
            name: reviewer
            description: Reviews changes.
            role: worker
            capabilities: [review, critique]
            tools: [read_file]
            max_parallel_tasks: 3
            can_delegate: false
            approval: ask
            color: red
            ---
            You review code.
            """
        let persona = try PersonaParser.parse(text, path: "reviewer.md", source: .project(path: "reviewer.md"))
        #expect(persona.name == "reviewer")
        #expect(persona.capabilities == ["review", "critique"])
        #expect(persona.maxParallelTasks == 3)
        #expect(persona.approval == .ask)
        #expect(persona.systemPrompt == "You review code.")
        #expect(persona.contentHash.count == 64)
    }

    @Test func loadsClaudeCodeAgentFilesUnchanged() throws {
        let text = """
            ---
            name: code-reviewer
            description: Expert code review specialist.
            tools: Read, Grep, Glob, Bash
            model: sonnet
            ---
            You are a senior code reviewer.
            """
        let persona = try PersonaParser.parse(text, path: "a.md", source: .builtin)
        #expect(persona.tools == ["Read", "Grep", "Glob", "Bash"])
        #expect(persona.toolGrants.map(\.troupeName) == ["read_file", "search_files", "list_files", "run_command"])
        #expect(persona.model == "sonnet")
        #expect(persona.role == .worker)
        #expect(persona.warnings.isEmpty)
    }

    @Test func reportsTheLineOfABadField() {
        let text = "---\nname: x\ndescription: y\nmax_parallel_tasks: zero\n---\nbody"
        #expect(
            throws: PersonaError.invalidField(
                path: "x.md", line: 4, field: "max_parallel_tasks", message: "expected a whole number above 0")
        ) {
            try PersonaParser.parse(text, path: "x.md", source: .builtin)
        }
    }

    @Test func frontMatterThatIsNotYAMLAtAllIsRefusedWithItsLine() {
        let text = "---\nfoo: [a, b\nbar: {\n---\nbody"
        do {
            _ = try PersonaParser.parse(text, path: "bad.md", source: .builtin)
            Issue.record("expected an error")
        } catch let error as PersonaError {
            guard case .invalidYAML(let path, let line, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(path == "bad.md")
            #expect(line == 3, "the line of the unclosed [")
            #expect(error.errorDescription?.hasPrefix("bad.md:\(line):") == true)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func requiresFrontMatterAndAKnownRole() {
        #expect(throws: PersonaError.missingFrontMatter(path: "p.md")) {
            try PersonaParser.parse("just text", path: "p.md", source: .builtin)
        }
        #expect(
            throws: PersonaError.invalidField(
                path: "p.md", line: 4, field: "role", message: "'boss' is not one of orchestrator, worker, hybrid")
        ) {
            try PersonaParser.parse("---\nname: n\ndescription: d\nrole: boss\n---\n", path: "p.md", source: .builtin)
        }
    }

    @Test func aBrokenFileIsReportedAndTheOthersLoad() throws {
        let folder = try TemporaryFolder()
        try folder.write("good.md", "---\nname: tester\ndescription: Tests things.\ncapabilities: [test]\n---\nYou test.")
        let broken = try folder.write("broken.md", "---\nname: broken\ndescription: d\ncan_delegate: maybe\n---\n")
        try folder.write("writer.md", "---\nname: writer\ndescription: The project's own writer.\n---\nProject prompt.")
        try folder.write("notes.txt", "not a persona")
        let catalog = PersonaLoader(userDirectory: nil, projectDirectory: folder.url).load()
        #expect(catalog.persona(named: "tester") != nil)
        #expect(catalog.persona(named: "broken") == nil)
        #expect(catalog.problems.count == 1)
        #expect(catalog.problems.first?.path == broken.path)
        #expect(
            catalog.problems.first?.error.errorDescription == "\(broken.path):4: field 'can_delegate': expected true or false")
        let writer = try #require(catalog.persona(named: "writer"))
        #expect(writer.systemPrompt == "Project prompt.")
        #expect(writer.source == .project(path: folder.url.appendingPathComponent("writer.md").path))
        #expect(catalog.personas.filter { $0.name == "writer" }.count == 1)
        #expect(catalog.persona(named: "orchestrator")?.source == .builtin)
    }

    @Test func projectOverridesUser() throws {
        let user = try TemporaryFolder()
        let project = try TemporaryFolder()
        try user.write("coder.md", "---\nname: coder\ndescription: user coder\n---\nU")
        try project.write("coder.md", "---\nname: coder\ndescription: project coder\n---\nP")
        let catalog = PersonaLoader(userDirectory: user.url, projectDirectory: project.url).load()
        #expect(catalog.persona(named: "coder")?.description == "project coder")
    }

    @Test func aNameWithATerminalEscapeIsRefusedWithItsLine() {
        let text = "---\ndescription: d\nname: \"ev\\e]0;TITLE\\ail\"\n---\nYou help.\n"
        #expect(
            throws: PersonaError.invalidField(
                path: "evil.md", line: 3, field: "name",
                message: "holds control characters or direction overrides; use letters, digits, - and _")
        ) {
            try PersonaParser.parse(text, path: "evil.md", source: .builtin)
        }
    }
}
