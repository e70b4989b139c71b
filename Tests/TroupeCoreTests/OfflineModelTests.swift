import Foundation
import Testing
import TroupeTesting
import TroupeTools

@testable import TroupeCore

@Suite struct RequestSplitterTests {
    @Test func splitsClausesThatStartWithAnAction() {
        let parts = RequestSplitter.parts(of: "List the Swift files under Sources, count their lines, and write a short summary")
        #expect(parts.map(\.text) == ["List the Swift files under Sources", "count their lines", "write a short summary"])
    }

    @Test func keepsListsOfThingsTogether() {
        let parts = RequestSplitter.parts(of: "Read README.md, Package.swift and DESIGN.md")
        #expect(parts.map(\.text) == ["Read README.md, Package.swift and DESIGN.md"])
    }

    @Test func splitsNumberedListsSentencesAndThen() {
        #expect(
            RequestSplitter.parts(of: "1. find the parser\n2) count its lines").map(\.text) == [
                "find the parser", "count its lines",
            ])
        let parts = RequestSplitter.parts(of: "Search for \"TODO\". Then count the lines in Sources")
        #expect(parts.map(\.text) == ["Search for \"TODO\"", "count the lines in Sources"])
        #expect(parts.map(\.afterThen) == [false, true])
        #expect(RequestSplitter.parts(of: "find the parser and then fix it").map(\.afterThen) == [false, true])
    }
}

@Suite struct OfflinePlannerTests {
    let team = BuiltinPersonas.all.filter(\.isWorker).map(TeamMember.init)

    @Test func infersDependenciesAndRoutes() {
        let draft = OfflinePlanner.draft(
            for: PlanningContext(
                request: "List the Swift files under Sources, count their lines, and write a short summary", team: team))
        #expect(draft.steps.map(\.persona) == ["researcher", "analyst", "writer"])
        #expect(draft.steps.map { $0.dependsOn ?? [] } == [[], [1], [1, 2]])
        #expect(draft.facts?.toLookUp == ["List the Swift files under Sources"])
        #expect(draft.facts?.toDerive == ["Count their lines"])
    }

    @Test func aStepGoesToAPersonaWithTheToolItNeeds() {
        func route(_ request: String) -> (persona: String, reason: String?) {
            let step = OfflinePlanner.draft(for: PlanningContext(request: request, team: team)).steps[0]
            return (step.persona, step.reason)
        }
        let counting = route("How many lines of Swift are in Sources/TroupeTools")
        #expect(counting.persona == "analyst", "only the analyst has count_lines")
        #expect(counting.reason?.hasPrefix("has count_lines") == true)
        let searching = route("Find every TODO in the code")
        #expect(searching.persona == "researcher")
        #expect(searching.reason?.hasPrefix("has search_files") == true)
        #expect(route("Write a haiku about parallel agents").persona == "writer", "no tool needed: by capability")
    }

    @Test func wordsThatReadAsCodeAreSearchedForLiterally() {
        #expect(OfflineIntent.of("Find every TODO in the code") == .search("TODO"))
        #expect(OfflineIntent.of("where is WorkerRunner defined?") == .findDefinition("WorkerRunner"))
        #expect(OfflineIntent.of("find the JSON files") == .listFiles, "a format's name is a filter, not a search term")
        #expect(OfflineIntent.of("search for max_parallel in the config") == .search("max_parallel"))
        #expect(OfflineIntent.of("find \"needs a model\" in docs") == .search("needs a model"))
        #expect(OfflineIntent.of("Find the Swift files under Sources") == .listFiles)
        #expect(OfflineIntent.of("read README.md") == .read("README.md"))
    }

    @Test func independentPartsRunInParallel() {
        let draft = OfflinePlanner.draft(
            for: PlanningContext(request: "Count the lines in Sources and count the lines in Tests", team: team))
        #expect(draft.steps.count == 2)
        #expect(draft.steps.allSatisfy { ($0.dependsOn ?? []).isEmpty })
    }

    @Test func greetingsNeedNoPlan() {
        let draft = OfflinePlanner.draft(for: PlanningContext(request: "hello!", team: team))
        #expect(!draft.needsPlan)
        #expect(draft.directAnswer?.contains("offline model") == true)
    }

    @Test func workerSaysWhatItCannotDo() {
        let brief = Brief(request: "r", step: 1, instruction: "Decide whether to refactor the parser")
        let request = OrchestratorPrompts.work(persona: BuiltinPersonas.all[3], brief: brief, tools: [])
        let response = OfflineModel().respond(to: request)
        #expect(response.message.toolCalls.isEmpty)
        #expect(response.message.content.contains("\"Decide whether to refactor the parser\" needs a language model"))
        #expect(response.stopReason == .needsLanguageModel)
    }

    @Test func workerInheritsScopeFromItsDependencies() {
        let brief = Brief(
            request: "r", step: 2, instruction: "Count their lines",
            dependencyResults: [
                DependencyResult(step: 1, persona: "researcher", title: "List the Swift files under Sources", output: "3 files")
            ])
        let scope = TaskScope.of(brief)
        #expect(scope == TaskScope(path: "Sources", fileExtension: "swift"))
    }
}

@Suite struct OfflineEndToEndTests {
    @Test func answersAMultiPartRequestFromRealFiles() async throws {
        let folder = try TemporaryFolder()
        try folder.write("Sources/A.swift", "let a = 1\nlet b = 2\n")
        try folder.write("Sources/Sub/B.swift", "print(\"hi\")\n")
        try folder.write("Sources/notes.md", "# not swift\n")
        let log = EventLog()
        let tools = ToolBox(WorkspaceTools.readOnly(Workspace(root: folder.url)))
        let orchestrator = await makeOrchestrator(OfflineModel(), log: log, tools: tools)
        let result = await orchestrator.handle("List the Swift files under Sources, count their lines, and write a short summary")
        #expect(result.outcome == .completed)
        #expect(result.answer.contains("2 .swift files under Sources ("))
        #expect(result.answer.contains("2 files under Sources: 3 lines, 9 words in total"))
        #expect(result.answer.contains("offline model"))
        #expect(log.all("orchestration.handoff_initiated").count == 3)
        #expect(log.all("ledger.progress_updated").count == 3)
        #expect(log.types.last == "orchestration.plan_completed")
    }
}
