import Foundation
import Synchronization
import Testing
import TroupeTesting

@testable import TroupeCore

/// Streams the synthesis word by word and answers the progress ledger only once the synthesis
/// has finished (or two seconds passed): the answer written beside the last judgement is done
/// before the verdict, and its pieces are published after its response.
final class AnswerFirstModel: ChatModel {
    let inner: ScriptedModel
    private let synthesisDone = Mutex(false)

    init(_ inner: ScriptedModel) { self.inner = inner }

    var identifier: String { inner.identifier }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        let isSynthesis = request.purpose == .synthesis
        return relay(
            inner, request,
            after: { [self] in
                guard request.purpose == .progressLedger else { return }
                let deadline = ContinuousClock.now + .seconds(2)
                while !synthesisDone.withLock({ $0 }), ContinuousClock.now < deadline { await Task.yield() }
            },
            transform: { delta in
                guard isSynthesis, case .text(let text) = delta else { return [delta] }
                return text.split(separator: " ", omittingEmptySubsequences: false).enumerated().map {
                    .text(($0.offset == 0 ? "" : " ") + $0.element)
                }
            },
            finished: { [self] in if isSynthesis { synthesisDone.withLock { $0 = true } } })
    }
}

/// Sessions recorded in-process, read back and replayed through the engine.
@Suite struct SessionReplayTests {
    /// Runs `turns` on an orchestrator over `model`, recording to a transcript; returns its URL.
    func record(
        _ model: any ChatModel, in folder: TemporaryFolder,
        _ turns: @escaping @Sendable (Orchestrator, EventLog) async -> Void
    ) async throws -> URL {
        let url = folder.url.appendingPathComponent("session.jsonl")
        let configuration = OrchestratorConfiguration(retryBackoff: .zero)
        let header = TranscriptHeader(
            toolVersion: "test", sessionID: "s", started: Date(), model: model.identifier, personas: BuiltinPersonas.all,
            terminal: nil, settings: .init(configuration: configuration, approval: nil, budget: .unlimited))
        let writer = try TranscriptWriter(url: url, header: header, redactor: SecretRedactor(secrets: []))
        let log = EventLog()
        writer.record(log.bus)
        let orchestrator = await makeOrchestrator(model, log: log, configuration: configuration)
        await turns(orchestrator, log)
        writer.close()
        return url
    }

    @Test func handoffsAKilledProcessLeftOpenAreRolledBackWhenItsSessionResumes() async throws {
        let folder = try TemporaryFolder()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "quick look", [])])),
            Entry(agent: "researcher", purpose: .work, text: "never", delayMs: 60_000),
        ])
        let url = try await record(model, in: folder) { orchestrator, log in
            let turn = Task { await orchestrator.handle("look") }
            while !log.types.contains("orchestration.handoff_accepted") { await Task.yield() }
            turn.cancel()
            _ = await turn.value
        }
        // What a kill mid-handoff leaves: the file up to the handoff's acceptance.
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let accepted = try #require(lines.firstIndex { $0.contains("\"orchestration.handoff_accepted\"") })
        try (lines[...accepted].joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        let resumed = try ResumedSession(url: url)
        #expect(resumed.state.handoffs.map(\.state) == [.accepted])
        let log = EventLog()
        resumed.rollBackInterruptedHandoffs(on: log.bus)
        guard case .handoffRolledBack(let rollback)? = log.events.first?.kind else {
            Issue.record("no rollback: \(log.types)")
            return
        }
        #expect(rollback.handoff == "h1" && rollback.step == 1 && rollback.to == "researcher")
        #expect(rollback.reason == "the session ended before it finished (resumed)")
    }

    @Test func anInterruptedTurnAndADirectTurnReplayExactly() async throws {
        let folder = try TemporaryFolder()
        let model = ScriptedModel(entries: [
            // The analyst waits for the researcher, so the ledger on the researcher's result comes while
            // the analyst's call is in flight: that call is what the interrupt cuts.
            Entry(purpose: .plan, text: planJSON([("researcher", "quick look", []), ("analyst", "slow count", [1])])),
            Entry(agent: "researcher", purpose: .work, text: "looked"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true)),
            Entry(agent: "analyst", purpose: .work, text: "never", delayMs: 60_000),
            Entry(agent: "writer", purpose: .work, text: "a haiku about parsers"),
        ])
        let url = try await record(model, in: folder) { orchestrator, log in
            let turn = Task { await orchestrator.handle("look and count") }
            while !log.types.contains("ledger.progress_updated") { await Task.yield() }
            turn.cancel()
            _ = await turn.value
            _ = await orchestrator.direct(to: "writer", "write a haiku")
        }
        let session = try RecordedSession(TranscriptReader(url: url))
        #expect(session.turns.count == 2)
        #expect(session.turns[0].interruptedAfter != nil)
        #expect(session.turns[1].direct?.persona == "writer")
        let replayed = EventLog()
        let outcome = await Replayer(session: session, personas: BuiltinPersonas.all, tools: [])
            .run(verify: true) { event in _ = replayed.bus.publish(event.kind) }
        #expect(outcome.divergence == nil)
        #expect(outcome.turns == 2)
        #expect(replayed.types.contains("turn.cancelled"))
        #expect(replayed.types.last == "orchestration.plan_completed")
    }

    @Test func anAnswerStreamedInPiecesBeforeTheLastVerdictReplaysExactly() async throws {
        let folder = try TemporaryFolder()
        let model = AnswerFirstModel(
            ScriptedModel(entries: [
                Entry(purpose: .plan, text: planJSON([("researcher", "look", [])])),
                Entry(agent: "researcher", purpose: .work, text: "looked"),
                Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true, satisfied: true)),
                Entry(purpose: .synthesis, text: "The reader is in CSVReader.swift, line 40."),
            ]))
        let url = try await record(model, in: folder) { orchestrator, _ in _ = await orchestrator.handle("look") }
        let text = try String(contentsOf: url, encoding: .utf8)
        let types = text.split(separator: "\n").compactMap { line -> String? in
            (try? JSONCoding.decode(JSONValue.self, from: String(line)))?["type"]?.stringValue
        }
        let response = try #require(types.lastIndex(of: "model.response"))
        #expect(types.filter { $0 == "answer.delta" }.count == 7)
        #expect(types.firstIndex(of: "answer.delta")! > response)
        let session = try RecordedSession(TranscriptReader(url: url))
        let outcome = await Replayer(session: session, personas: BuiltinPersonas.all, tools: []).run(verify: true)
        #expect(outcome.divergence == nil)
    }

    @Test func aDifferentAnswerIsReportedWithItsStreamAndLine() async throws {
        let folder = try TemporaryFolder()
        let model = ScriptedModel(entries: [
            Entry(purpose: .plan, text: planJSON([("researcher", "look", [])])),
            Entry(agent: "researcher", purpose: .work, text: "looked"),
            Entry(purpose: .progressLedger, text: ReplanningTests.ledger(progress: true, satisfied: true)),
            Entry(purpose: .synthesis, text: "Looked."),
        ])
        let url = try await record(model, in: folder) { orchestrator, _ in _ = await orchestrator.handle("look") }
        // The researcher's recorded answer edited in the file: the replay serves it, and what the
        // step then does differs from what was recorded after it.
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let answer = try #require(lines.firstIndex { $0.contains("\"model.response\"") && $0.contains("\"researcher\"") })
        lines[answer] = lines[answer].replacingOccurrences(of: "\"content\":\"looked\"", with: "\"content\":\"looked elsewhere\"")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        let session = try RecordedSession(TranscriptReader(url: url))
        let outcome = await Replayer(session: session, personas: BuiltinPersonas.all, tools: []).run(verify: true)
        let divergence = try #require(outcome.divergence)
        #expect(divergence.turn == 1)
        #expect(divergence.persona == "researcher")
        #expect(divergence.recorded?.contains("\"looked\"") == true)
        #expect(divergence.replayed?.contains("looked elsewhere") == true)
        #expect(divergence.line > 1)
    }
}
