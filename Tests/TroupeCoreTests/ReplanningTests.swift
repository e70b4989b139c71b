import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

@Suite struct ReplanningTests {
    static func ledger(progress: Bool, satisfied: Bool = false) -> String {
        """
        {"is_request_satisfied": {"reason": "r", "answer": \(satisfied)}, "is_in_loop": {"reason": "no repeats", "answer": false},
         "is_progress_being_made": {"reason": "\(progress ? "moving" : "the fix does not take")", "answer": \(progress)},
         "next_speaker": {"reason": "r", "answer": "none"}, "instruction_or_question": {"reason": "r", "answer": ""}}
        """
    }

    static let replan = """
        {"root_cause": "patching symptoms", "facts": {"given": ["r"], "educated_guesses": ["the bug is in the parser, not the reader"]},
         "steps": [{"id": 5, "title": "Measure where the parser spends time", "persona": "analyst", "depends_on": [1]}]}
        """

    @Test func replansAfterMaxStallsKeepingCompletedSteps() async throws {
        let log = EventLog()
        var entries = [
            Entry(purpose: .plan, text: planJSON((1...4).map { ("coder", "fix attempt \($0)", $0 == 1 ? [] : [$0 - 1]) }))
        ]
        for index in 1...3 {
            entries.append(Entry(agent: "coder", purpose: .work, text: "tried \(index)"))
            entries.append(Entry(purpose: .progressLedger, text: Self.ledger(progress: false)))
        }
        entries += [
            Entry(purpose: .replan, text: "not json"),
            Entry(purpose: .replan, text: Self.replan),
            Entry(agent: "analyst", purpose: .work, text: "the parser is quadratic"),
            Entry(purpose: .progressLedger, text: Self.ledger(progress: true, satisfied: true)),
            Entry(purpose: .synthesis, text: "Found it: the parser."),
        ]
        let model = ScriptedModel(entries: entries)
        let orchestrator = await makeOrchestrator(model, log: log)
        let result = await orchestrator.handle("make the import fast")
        #expect(result == TurnResult(outcome: .completed, answer: "Found it: the parser."))
        guard case .replanned(let replanned)? = log.first("orchestration.replanned")?.kind else {
            Issue.record("no re-plan")
            return
        }
        #expect(replanned.attempt == 1)
        #expect(replanned.rootCause == "patching symptoms")
        #expect(replanned.plan.steps.map(\.id) == [1, 2, 3, 5])
        #expect(replanned.plan.steps.prefix(3).allSatisfy { $0.state == .done })
        guard case .taskLedgerUpdated(let ledger)? = log.all("ledger.task_updated").last?.kind else {
            Issue.record("no ledger")
            return
        }
        #expect(ledger.ledger.facts.educatedGuesses == ["the bug is in the parser, not the reader"])
        let stalls = log.all("ledger.progress_updated").compactMap { event -> Int? in
            if case .progressLedgerUpdated(let update) = event.kind { return update.stalls }
            return nil
        }
        #expect(stalls == [1, 2, 3, 0])
        #expect(model.unusedEntries.isEmpty)
    }

    @Test func escalatesToTheUserAfterTheReplanCap() async {
        let log = EventLog()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("coder", "fix it", []), ("coder", "fix it again", [])])),
            Entry(agent: "coder", purpose: .work, text: "no luck"),
            Entry(purpose: .progressLedger, text: Self.ledger(progress: false)),
            Entry(
                purpose: .replan,
                text: Self.replan.replacingOccurrences(of: "\"id\": 5", with: "\"id\": 3").replacingOccurrences(
                    of: "[1]", with: "[]")),
            Entry(agent: "analyst", purpose: .work, text: "still unclear"),
            Entry(purpose: .progressLedger, text: Self.ledger(progress: false)),
            Entry(purpose: .synthesis, text: "Here is what is known; I need your call."),
        ])
        let configuration = OrchestratorConfiguration(maxStalls: 1, maxReplans: 1, retryBackoff: .zero)
        let orchestrator = await makeOrchestrator(model, log: log, configuration: configuration)
        let result = await orchestrator.handle("fix the flaky test")
        #expect(result.outcome == .partial)
        #expect(log.all("orchestration.replanned").count == 1)
        guard case .escalated(let escalated)? = log.first("orchestration.escalated")?.kind else {
            Issue.record("no escalation")
            return
        }
        #expect(escalated.reason.hasPrefix("stopped after 1 re-plans; stalled 1 times: the fix does not take"))
        #expect(model.unusedEntries.isEmpty)
    }

    @Test func theOfflineModelReroutesStalledSteps() throws {
        let team = BuiltinPersonas.all.filter(\.isWorker).map(TeamMember.init)
        let context = ReplanContext(
            request: "r", facts: TaskFacts(given: ["r"]),
            results: [
                StepReport(step: 1, title: "List files", persona: "researcher", status: .done, output: "3 files"),
                StepReport(step: 2, title: "Count the lines", persona: "analyst", status: .failed, output: "boom"),
            ],
            trigger: .stalled, stallReason: "step 2 failed", earlierRootCauses: [], nextStepID: 3, team: team)
        let draft = try JSONCoding.decode(ReplanDraft.self, from: try OfflineJudge.replan(context))
        #expect(draft.steps.map(\.id) == [3])
        #expect(draft.steps[0].persona != "analyst")
        #expect(draft.facts.educatedGuesses.count == 1)
    }
}
