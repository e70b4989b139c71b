import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

/// Model requests recorded as deltas (transcript format 3): exact when read back, and a long
/// plan's transcript grows with what changed, not with the square of its length.
@Suite struct RequestDeltaTests {
    typealias Entry = ScriptedModel.Entry

    static func request(_ messages: [ChatMessage], tools: [ToolSpec] = []) -> ChatRequest {
        ChatRequest(agent: "orchestrator", purpose: .progressLedger, messages: messages, tools: tools)
    }

    static let plan = (1...40).map { "  {\"id\": \($0), \"state\": \"pending\", \"title\": \"step \($0)\"}," }

    @Test func aLedgerRequestWithAFewStatesChangedIsRecordedAsThosePieces() throws {
        let system = ChatMessage.system(String(repeating: "You are the orchestrator. ", count: 80))
        let base = Self.request([system, .user(Self.plan.joined(separator: "\n"))])
        var changed = Self.plan
        changed[3] = changed[3].replacingOccurrences(of: "pending", with: "done")
        changed.insert("  \"note\": \"step 4 finished\",", at: 10)
        let request = Self.request([system, .user(changed.joined(separator: "\n"))])

        let delta = try #require(RequestDelta.between(request, base: base, seq: 7))
        #expect(delta.base == 7)
        guard case .same(0) = delta.messages[0], case .edited(1, let edits) = delta.messages[1] else {
            Issue.record("expected the system prompt unchanged and the plan edited: \(delta.messages)")
            return
        }
        #expect(edits.remove.count == 1)
        #expect(edits.insert.map(\.text) == [#" "state": "done","#, #"  "note": "step 4 finished","#, "\n"])
        #expect(try delta.applied(to: base) == request)
        #expect(try JSONCoding.string(delta).utf8.count * 4 < (try JSONCoding.string(request).utf8.count))
    }

    @Test func aCompactJSONPlanWithOneStateChangedDiffersByOnePiece() throws {
        let steps = (1...30).map { #"{"depends_on":[\#($0 - 1)],"id":\#($0),"state":"pending","title":"part \#($0)"}"# }
        let old = "[" + steps.joined(separator: ",") + "]"
        let new = old.replacingOccurrences(of: #""id":7,"state":"pending""#, with: #""id":7,"state":"done""#)
        let edits = try #require(TextEdits.between(old, new))
        #expect(edits.remove.count == 1)
        #expect(edits.insert.map(\.text) == [#""state":"done","#])
        #expect(try edits.applied(to: old) == new)
    }

    @Test func textsThatLookAlikeButDifferInTheirBytesAreNotTheSame() throws {
        let composed = ChatRequest(agent: "writer", purpose: .work, messages: [.system("brief"), .user("caf\u{E9}, ok")])
        let decomposed = ChatRequest(agent: "writer", purpose: .work, messages: [.system("brief"), .user("cafe\u{301}, ok")])
        #expect(composed == decomposed, "String's == holds them equal")
        let delta = try #require(RequestDelta.between(decomposed, base: composed, seq: 1))
        let rebuilt = try delta.applied(to: composed)
        #expect(Array(rebuilt.messages[1].content.utf8) == Array("cafe\u{301}, ok".utf8))
        #expect(rebuilt.canonicalHash == decomposed.canonicalHash)
    }

    @Test func theBoundedDifferenceIsAMinimalEditOrNothing() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let old = (0..<Int.random(in: 0...30, using: &generator)).map { _ in Int.random(in: 0...4, using: &generator) }
            let new = (0..<Int.random(in: 0...30, using: &generator)).map { _ in Int.random(in: 0...4, using: &generator) }
            let found = try #require(BoundedDifference.edits(from: old, to: new, maxEdits: 60))
            let standard = new.difference(from: old)
            #expect(found.removed.count + found.inserted.count == standard.count, "\(old) → \(new)")
            let changes =
                found.removed.map { CollectionDifference<Int>.Change.remove(offset: $0, element: old[$0], associatedWith: nil) }
                + found.inserted.map { .insert(offset: $0, element: new[$0], associatedWith: nil) }
            #expect(old.applying(try #require(CollectionDifference(changes))) == new)
            if standard.count > 1 {
                #expect(BoundedDifference.edits(from: old, to: new, maxEdits: standard.count - 1) == nil)
            }
        }
    }

    @Test func aToolRoundKeepsTheConversationAndAddsItsNewMessagesWhole() throws {
        let base = Self.request([.system("brief"), .user("find the bug")])
        let call = ToolCall(id: "c1", name: "read_file", arguments: #"{"path":"a.swift"}"#)
        let request = Self.request([
            .system("brief"), .user("find the bug"), ChatMessage(role: .assistant, content: "", toolCalls: [call]),
            ChatMessage(role: .tool, content: "let x = 1", toolCallID: "c1"),
        ])
        let delta = try #require(RequestDelta.between(request, base: base, seq: 3))
        #expect(Array(delta.messages.prefix(2)) == [RequestDelta.MessageDelta.same(0), .same(1)])
        #expect(
            Array(delta.messages.dropFirst(2)) == [
                RequestDelta.MessageDelta.whole(request.messages[2]), .whole(request.messages[3]),
            ])
        #expect(try delta.applied(to: base) == request)
    }

    @Test func aRequestWithOtherToolsOrNothingSharedIsWrittenWhole() {
        let base = Self.request([.system("a"), .user("b")])
        let tool = ToolSpec(name: "read_file", description: "reads", parameters: .object([:]))
        #expect(RequestDelta.between(Self.request([.system("a"), .user("b")], tools: [tool]), base: base, seq: 1) == nil)
        #expect(RequestDelta.between(Self.request([.system("x"), .user("y")]), base: base, seq: 1) == nil)
    }

    @Test func aDeltaThatDoesNotFitItsBaseIsRefused() {
        let base = Self.request([.system("one line")])
        let pastTheEnd = RequestDelta(base: 1, messages: [.same(3)])
        #expect(throws: RequestDelta.Failure.self) { try pastTheEnd.applied(to: base) }
        let badLine = RequestDelta(base: 1, messages: [.edited(0, .init(remove: [5], insert: []))])
        #expect(throws: RequestDelta.Failure.self) { try badLine.applied(to: base) }
    }

    /// A chain of `steps` steps run by the engine and recorded: the events as published, and
    /// the transcript.
    static func recordedChain(steps: Int, in folder: TemporaryFolder, secret: String? = nil) async throws -> (
        published: [TroupeEvent], url: URL
    ) {
        let log = EventLog()
        let url = folder.url.appendingPathComponent("chain-\(steps).jsonl")
        let header = TranscriptHeader(
            toolVersion: "test", sessionID: "chain\(steps)", started: Date(), model: "script", personas: BuiltinPersonas.all,
            terminal: nil)
        let writer = try TranscriptWriter(url: url, header: header, redactor: SecretRedactor(secrets: secret.map { [$0] } ?? []))
        writer.record(log.bus)
        let plan = planJSON((1...steps).map { ("researcher", "look at part \($0)", $0 == 1 ? [] : [$0 - 1]) })
        let work = (1...steps).map { step in
            Entry(agent: "researcher", purpose: .work, text: "part \(step) holds \(secret ?? "nothing") of note")
        }
        let model = ScriptedModel(
            entries: [Entry(purpose: .plan, text: plan)] + work + [Entry(purpose: .synthesis, text: "done")])
        let orchestrator = await makeOrchestrator(
            model, log: log, configuration: OrchestratorConfiguration(retryBackoff: .zero, maxPlanSteps: steps))
        #expect(await orchestrator.handle("look at every part").outcome == .completed)
        writer.close()
        return (log.events, url)
    }

    static func requests(_ events: [TroupeEvent]) -> [ModelRequested] {
        events.compactMap { if case .modelRequested(let requested) = $0.kind { requested } else { nil } }
    }

    @Test func everyRecordedRequestReadsBackAsSentWithTheHashOfWhatWasSent() async throws {
        let folder = try TemporaryFolder()
        let (published, url) = try await Self.recordedChain(steps: 12, in: folder)
        var read: [TroupeEvent] = []
        try TranscriptReader(url: url).forEachEvent { event, _ in read.append(event) }

        let sent = Self.requests(published)
        #expect(sent.count > 24, "a work and a ledger request per step")
        #expect(Self.requests(read) == sent)
        #expect(Self.requests(read).allSatisfy { $0.request.canonicalHash == $0.hash })
        #expect(TranscriptInvariants.problems(in: url, name: "chain").isEmpty)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("\"request_delta\""))
    }

    @Test func aLongerPlanCostsTheSameBytesPerLedgerRequest() async throws {
        let folder = try TemporaryFolder()
        func bytesPerLedgerRequest(_ steps: Int) async throws -> Double {
            let (_, url) = try await Self.recordedChain(steps: steps, in: folder)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
                .filter { $0.contains("\"type\":\"model.request\"") && $0.contains("\"purpose\":\"progress_ledger\"") }
            return Double(lines.map(\.utf8.count).reduce(0, +)) / Double(lines.count)
        }
        let short = try await bytesPerLedgerRequest(10)
        let long = try await bytesPerLedgerRequest(60)
        // Written whole, a request of the 60-step chain holds six times the plan of the 10-step one.
        #expect(long < short * 1.5, "\(Int(short)) bytes a request for 10 steps, \(Int(long)) for 60")
    }

    @Test func aSecretIsRedactedInTheLinesADeltaRecords() async throws {
        let folder = try TemporaryFolder()
        let secret = "s3cr3t-value-\(UUID().uuidString.prefix(8))"
        let (_, url) = try await Self.recordedChain(steps: 6, in: folder, secret: secret)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(!text.contains(secret))
        var ledgers: [String] = []
        try TranscriptReader(url: url).forEachEvent { event, _ in
            if case .modelRequested(let requested) = event.kind, requested.purpose == .progressLedger {
                ledgers.append(requested.request.messages.map(\.content).joined())
            }
        }
        #expect(ledgers.last?.contains("holds [REDACTED] of note") == true)
    }

    /// A recorded chain whose first delta names event 1 as its base, and that line's index.
    static func chainWithABrokenDelta(in folder: TemporaryFolder) async throws -> (URL, Int) {
        let (_, url) = try await recordedChain(steps: 4, in: folder)
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let index = try #require(lines.firstIndex { $0.contains("\"request_delta\":{\"base\":") })
        let base = try #require(lines[index].firstRange(of: #/"request_delta":\{"base":(\d+)/#))
        lines[index] = lines[index].replacingCharacters(in: base, with: "\"request_delta\":{\"base\":1")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return (url, index)
    }

    @Test func aDeltaWhoseBaseIsNotTheLatestRequestIsAnErrorNamingTheLine() async throws {
        let folder = try TemporaryFolder()
        let (url, index) = try await Self.chainWithABrokenDelta(in: folder)

        #expect {
            try TranscriptReader(url: url).forEachEvent { _, _ in }
        } throws: { error in
            guard case TranscriptError.danglingReference(_, let line, let message) = error else { return false }
            return line == index + 1 && message.contains("event 1")
        }
    }

    @Test func aResumedOrForkedSessionStartsWithWholeRequestsAndReadsBack() async throws {
        let folder = try TemporaryFolder()
        let (published, url) = try await Self.recordedChain(steps: 5, in: folder)
        let last = try #require(published.last?.seq)
        let fork = try TranscriptFork.fork(url, atSeq: last, into: folder.url.appendingPathComponent("forks"))
        var forked: [TroupeEvent] = []
        try TranscriptReader(url: fork.url).forEachEvent { event, _ in forked.append(event) }
        #expect(Self.requests(forked) == Self.requests(published))

        let resumed = try TranscriptWriter(appendingTo: url, redactor: SecretRedactor(secrets: []))
        let again = try #require(Self.requests(published).last)
        resumed.write(TroupeEvent(seq: last + 1, timestamp: Date(), kind: .modelRequested(again)))
        resumed.close()
        let appended = try #require(try String(contentsOf: url, encoding: .utf8).split(separator: "\n").last)
        #expect(appended.contains("\"request\":{") && !appended.contains("\"request_delta\""))
        var read: [TroupeEvent] = []
        try TranscriptReader(url: url).forEachEvent { event, _ in read.append(event) }
        #expect(Self.requests(read).last == again)
    }

    static func requested(_ agent: String, _ messages: [ChatMessage], seq: Int, tools: [ToolSpec] = []) -> TroupeEvent {
        let request = ChatRequest(agent: agent, purpose: .work, messages: messages, tools: tools)
        return TroupeEvent(
            seq: seq, timestamp: Date(),
            kind: .modelRequested(ModelRequested(agent: agent, purpose: .work, hash: request.canonicalHash, request: request)))
    }

    static func readRequests(_ url: URL) throws -> [ChatRequest] {
        var read: [ChatRequest] = []
        try TranscriptReader(url: url).forEachEvent { event, _ in
            if case .modelRequested(let requested) = event.kind { read.append(requested.request) }
        }
        return read
    }

    @Test func personasWhoseNamesAreRedactedAlikeStillReadBack() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("names.jsonl")
        let writer = try TranscriptWriter(
            url: url,
            header: TranscriptHeader(toolVersion: "t", sessionID: "n", started: Date(), model: "m", personas: [], terminal: nil),
            redactor: SecretRedactor(secrets: []))
        // Both names hold `sk-` and sixteen key characters: the file names both `ri[REDACTED]`.
        let names = ["risk-assessment-analyst", "risk-compliance-reviewer", "risk-assessment-analyst"]
        let system = ChatMessage.system(String(repeating: "Assess the risks of the change. ", count: 40))
        for (index, name) in names.enumerated() {
            writer.write(Self.requested(name, [system, .user("step \(index + 1)")], seq: index + 1))
        }
        writer.close()
        let read = try Self.readRequests(url)
        #expect(read.map { $0.messages.last?.content } == ["step 1", "step 2", "step 3"])
        #expect(read.allSatisfy { $0.messages.first == system && $0.agent == "ri[REDACTED]" })
    }

    @Test func aResumedFormatTwoFileGoesOnWithWholeRequests() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("old.jsonl")
        var header = TranscriptHeader(toolVersion: "t", sessionID: "o", started: Date(), model: "m", personas: [], terminal: nil)
        header.formatVersion = 2
        try (JSONCoding.string(header) + "\n").write(to: url, atomically: true, encoding: .utf8)
        let writer = try TranscriptWriter(appendingTo: url, redactor: SecretRedactor(secrets: []))
        let system = ChatMessage.system(String(repeating: "Write the report. ", count: 40))
        writer.write(Self.requested("writer", [system, .user("one")], seq: 1))
        writer.write(Self.requested("writer", [system, .user("two")], seq: 2))
        writer.close()
        #expect(!(try String(contentsOf: url, encoding: .utf8)).contains("request_delta"))
        #expect(try Self.readRequests(url).map { $0.messages.last?.content } == ["one", "two"])
    }

    @Test func aToolDescribedWithOtherBytesOfTheSameTextIsNotTakenFromTheBase() {
        let composed = ToolSpec(name: "read_file", description: "Lis le fichier d\u{E9}sign\u{E9}", parameters: .object([:]))
        let decomposed = ToolSpec(
            name: "read_file", description: "Lis le fichier de\u{301}signe\u{301}", parameters: .object([:]))
        #expect(composed == decomposed)
        let messages: [ChatMessage] = [.system("brief"), .user("go")]
        let base = ChatRequest(agent: "a", purpose: .work, messages: messages, tools: [composed])
        let request = ChatRequest(agent: "a", purpose: .work, messages: messages, tools: [decomposed])
        #expect(RequestDelta.between(request, base: base, seq: 1) == nil)
        let negativeZero = ChatRequest(agent: "a", purpose: .work, messages: messages, tools: [composed], temperature: -0.0)
        let zero = ChatRequest(agent: "a", purpose: .work, messages: messages, tools: [composed], temperature: 0.0)
        #expect(RequestDelta.between(negativeZero, base: zero, seq: 1) == nil)
    }

    @Test func editsThatPointPastTheTextAreRefusedNotTrapped() {
        let past = TextEdits(remove: [0], insert: [.init(at: Int.max, text: "x")])
        #expect(throws: RequestDelta.Failure.self) { try past.applied(to: "a,b") }
        let twice = TextEdits(remove: [0, 0], insert: [])
        #expect(throws: RequestDelta.Failure.self) { try twice.applied(to: "a") }
    }

    @Test func readingThePrefixStopsAtADeltaThatDoesNotFit() async throws {
        let folder = try TemporaryFolder()
        let (url, index) = try await Self.chainWithABrokenDelta(in: folder)
        var read = 0
        let summary = try TranscriptReader(url: url).forEachEvent(readablePrefixOnly: true) { _, _ in read += 1 }
        #expect(summary.corruptLine == index + 1)
        #expect(read == index - 1 && summary.events == read, "every event before the line")
    }

    @Test func aSecretOutsideTheContentsMakesTheRequestWholeAndItsStreamStartAgain() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("secret.jsonl")
        let secret = "hunter2-hunter2-hunter2"
        let writer = try TranscriptWriter(
            url: url,
            header: TranscriptHeader(toolVersion: "t", sessionID: "s", started: Date(), model: "m", personas: [], terminal: nil),
            redactor: SecretRedactor(secrets: [secret]))
        let system = ChatMessage.system(String(repeating: "Fetch what the brief asks for. ", count: 40))
        let leaky = ToolSpec(name: "fetch", description: "uses token \(secret)", parameters: .object([:]))
        for seq in 1...3 {
            writer.write(Self.requested("researcher", [system, .user("round \(seq)")], seq: seq, tools: [leaky]))
        }
        writer.write(Self.requested("researcher", [system, .user("round 4")], seq: 4))
        writer.write(Self.requested("researcher", [system, .user("round 5")], seq: 5))
        writer.close()
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(!lines.contains { $0.contains(secret) })
        #expect(lines.map { $0.contains("\"request_delta\"") } == [false, false, false, false, true])
        #expect(try Self.readRequests(url).map { $0.messages.last?.content } == (1...5).map { "round \($0)" })
    }
}
