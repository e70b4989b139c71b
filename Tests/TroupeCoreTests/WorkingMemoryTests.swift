import Foundation
import Testing

@testable import TroupeCore

@Suite struct WorkingMemoryTests {
    static let codeAnswer = """
        Fixed the parser.
        ```swift
        func parse() {}
        ```
        Also a note:
        ```
        plain
        ```
        """

    @Test func fencedBlocksBecomeArtifactsAndTheProseRefersToThem() {
        let (prose, artifacts) = StepArtifact.split(Self.codeAnswer, filesTouched: ["Sources/A.swift", "Sources/A.swift"])
        #expect(prose == "Fixed the parser.\n[code: swift block 1]\nAlso a note:\n[code: text block 1]")
        #expect(
            artifacts == [
                StepArtifact(kind: .code, name: "swift block 1", content: "func parse() {}"),
                StepArtifact(kind: .code, name: "text block 1", content: "plain"),
                StepArtifact(kind: .file, name: "Sources/A.swift"),
            ])
    }

    @Test func anUnclosedFenceStaysProse() {
        let (prose, artifacts) = StepArtifact.split("text\n```swift\nlet a = 1")
        #expect(prose == "text\n```swift\nlet a = 1")
        #expect(artifacts.isEmpty)
    }

    static func report(_ step: Int, _ persona: String, _ output: String) -> StepReport {
        StepReport(step: step, title: "step \(step)", persona: persona, status: .done, output: output)
    }

    static let memory = WorkingMemory(
        facts: TaskFacts(
            given: ["the CSV has 1M rows"], toLookUp: ["which parser is used"], educatedGuesses: ["quoting is slow"]),
        artifacts: [
            1: StepArtifact.split(codeAnswer).artifacts.map {
                StepArtifact(kind: $0.kind, name: $0.name, content: $0.content, step: 1)
            }
        ])

    static let builder = BriefBuilder(
        request: "speed up the import", memory: memory,
        reports: [1: report(1, "coder", codeAnswer), 2: report(2, "researcher", "Found the import path.\nDetails…")])

    static let step3 = PlanStep(id: 3, title: "review the fix", persona: "analyst", dependsOn: [1])

    @Test func dependenciesPolicyCarriesFactsDependencyResultsAndTheirCode() {
        let brief = Self.builder.brief(for: Self.step3, policy: .dependencies, budget: 4000)
        #expect(brief.facts == ["the CSV has 1M rows", "educated guess: quoting is slow"])
        #expect(
            brief.dependencyResults.map(\.output) == [
                "Fixed the parser.\n[code: swift block 1]\nAlso a note:\n[code: text block 1]"
            ])
        #expect(brief.artifacts.map(\.name) == ["swift block 1", "text block 1"])
        #expect(brief.artifacts[0].content == "func parse() {}")
        #expect(brief.background.isEmpty)
        #expect(brief.omitted == ["1 open question(s) of the task ledger: context is dependencies"])
    }

    @Test func minimalPolicyCarriesSummariesAndNamesOnlyAndSaysSo() {
        let brief = Self.builder.brief(for: Self.step3, policy: .minimal, budget: 4000)
        #expect(brief.facts.isEmpty)
        #expect(brief.dependencyResults.map(\.output) == ["Fixed the parser."])
        #expect(brief.artifacts.allSatisfy { $0.content == nil })
        #expect(brief.omitted == ["3 fact(s): context is minimal", "full results of steps 1: context is minimal"])
    }

    @Test func fullPolicyAddsEveryFactAndTheOtherSteps() {
        let brief = Self.builder.brief(for: Self.step3, policy: .full, budget: 4000)
        #expect(brief.facts.contains("to look up: which parser is used"))
        #expect(brief.background == ["step 2 (researcher, done): Found the import path."])
        #expect(brief.omitted.isEmpty)
    }

    @Test func aTightBudgetCutsProseBeforeCodeAndRecordsEachCut() {
        let longProse = String(repeating: "The import reads each row twice. ", count: 200)
        let code = String(repeating: "let row = parse(line)\n", count: 20)
        let output = "\(longProse)\n```swift\n\(code)```"
        let (_, artifacts) = StepArtifact.split(output)
        let builder = BriefBuilder(
            request: "r",
            memory: WorkingMemory(artifacts: [
                1: artifacts.map {
                    var a = $0; a.step = 1; return a
                }
            ]),
            reports: [1: Self.report(1, "coder", output)])
        let brief = builder.brief(for: Self.step3, policy: .dependencies, budget: 600)
        #expect(brief.estimatedTokens <= 600)
        #expect(brief.artifacts.first?.content == code.trimmingCharacters(in: .newlines))
        #expect(brief.dependencyResults[0].output.count < longProse.count)
        #expect(brief.omitted.count == 1)
        #expect(brief.omitted[0].hasPrefix("the end of step 1's result (kept its first"))
        let tighter = builder.brief(for: Self.step3, policy: .dependencies, budget: 120)
        #expect(tighter.artifacts.first?.content == nil)
        #expect(tighter.omitted.contains("the text of swift block 1 from step 1: token budget"))
    }

    @Test func aPersonasViewHoldsItsStepsTheEntriesAboutItAndItsArtifacts() {
        let plan = Plan(steps: [
            PlanStep(id: 1, title: "fix", persona: "coder"), PlanStep(id: 2, title: "look", persona: "researcher"),
            Self.step3,
        ])
        let ledger = TaskLedger(request: "r", facts: Self.memory.facts, plan: plan)
        func entry(after step: Int, next: String) -> ProgressLedgerUpdated {
            let yes = LedgerAnswer(reason: "r", answer: true)
            let progress = ProgressLedger(
                isRequestSatisfied: LedgerAnswer(reason: "r", answer: false), isInLoop: LedgerAnswer(reason: "r", answer: false),
                isProgressBeingMade: yes, nextSpeaker: LedgerAnswer(reason: "r", answer: next),
                instructionOrQuestion: LedgerAnswer(reason: "r", answer: "go"))
            return ProgressLedgerUpdated(
                afterStep: step, ledger: progress, done: 1, running: 0, total: 3, stalls: 0, derivedByEngine: false)
        }
        let entries = [entry(after: 1, next: "researcher"), entry(after: 2, next: "analyst")]
        let view = PersonaLedgerView(persona: "analyst", ledger: ledger, progress: entries, memory: Self.memory)
        #expect(view.steps.map(\.id) == [3])
        #expect(view.progress.map(\.afterStep) == [2])
        #expect(view.artifacts.keys.sorted() == [1])
        let coder = PersonaLedgerView(persona: "coder", ledger: ledger, progress: entries, memory: Self.memory)
        #expect(coder.progress.map(\.afterStep) == [1])
    }

    @Test func briefsRoundTripExactlyAndRefuseNewerVersions() throws {
        let brief = Self.builder.brief(for: Self.step3, policy: .full, budget: 4000)
        let json = try JSONCoding.string(brief)
        #expect(try JSONCoding.decode(Brief.self, from: json) == brief)
        let newer = json.replacingOccurrences(of: "\"version\":1", with: "\"version\":2")
        #expect(newer != json)
        #expect(throws: BriefError.unsupportedVersion(found: 2, supported: 1)) {
            try JSONCoding.decode(Brief.self, from: newer)
        }
    }
}
