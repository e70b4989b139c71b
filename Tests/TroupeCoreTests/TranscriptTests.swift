import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

@Suite struct TranscriptTests {
    @Test func writesAHeaderThenOneParsableEventPerLineWithSecretsRedacted() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("t/session.jsonl")
        let header = TranscriptHeader(
            toolVersion: "0.1.0", sessionID: "abcd", started: Date(timeIntervalSince1970: 0), model: "offline",
            personas: BuiltinPersonas.all, terminal: .init(columns: 80, rows: 24))
        let writer = try TranscriptWriter(url: url, header: header, redactor: SecretRedactor(secrets: ["supersecretvalue"]))
        let bus = EventBus()
        writer.record(bus)
        bus.publish(.userInput(UserInput(text: "my key is supersecretvalue and sk-proj-abcdefghijklmnopqrstuv")))
        bus.publish(.turnCancelled(TurnCancelled(reason: "Authorization: Bearer abcdefghijkl")))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let decodedHeader = try JSONCoding.decode(TranscriptHeader.self, from: lines[0])
        #expect(decodedHeader.formatVersion == TranscriptHeader.currentFormatVersion)
        #expect(decodedHeader.personas.count == 5)
        let first = try JSONCoding.decode(TroupeEvent.self, from: lines[1])
        #expect(first.seq == 1)
        #expect(first.kind == .userInput(UserInput(text: "my key is [REDACTED] and [REDACTED]")))
        #expect(!lines[2].contains("abcdefghijkl"))
        #expect(lines[2].contains("\"type\":\"turn.cancelled\""))
    }

    @Test func aSecretHoldingQuotesBackslashesOrSlashesIsRedactedAsJSONWritesIt() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("session.jsonl")
        let header = TranscriptHeader(
            toolVersion: "0.1.0", sessionID: "abcd", started: Date(timeIntervalSince1970: 0), model: "offline",
            personas: [], terminal: nil)
        let secret = #"pa"ss\wo/rd-1234"#
        let writer = try TranscriptWriter(url: url, header: header, redactor: SecretRedactor(secrets: [secret]))
        let bus = EventBus()
        writer.record(bus)
        bus.publish(.userInput(UserInput(text: "the value is \(secret), tab\tafter")))
        let event = try #require(try String(contentsOf: url, encoding: .utf8).split(separator: "\n").last.map(String.init))
        #expect(!event.contains("ss\\\\wo"), "no trace of the secret:\n\(event)")
        #expect(
            try JSONCoding.decode(TroupeEvent.self, from: event).kind
                == .userInput(UserInput(text: "the value is [REDACTED], tab\tafter")))
    }

    @Test func anInterventionsKindIsWrittenAsTheNameItAlwaysHad() throws {
        let names = [
            "direct", "assign", "retry", "skip", "pause_plan", "resume_plan", "assign_refused", "retry_refused", "skip_refused",
            "plan_feedback", "plan_declined", "plan_edited", "clear", "model", "use", "resume",
        ]
        for name in names {
            let kind = InterventionKind(rawValue: name)
            #expect(kind != .other(name) && kind.rawValue == name)
            let json = try JSONCoding.string(UserIntervention(kind: kind, detail: "d"))
            #expect(json == #"{"detail":"d","kind":"\#(name)"}"#)
            #expect(try JSONCoding.decode(UserIntervention.self, from: json).kind == kind)
        }
        let newer = try JSONCoding.decode(UserIntervention.self, from: #"{"detail":"d","kind":"undo_step"}"#)
        #expect(newer.kind == .other("undo_step"))
        #expect(try JSONCoding.string(newer).contains(#""kind":"undo_step""#))
        #expect(names.filter { InterventionKind(rawValue: $0).isBetweenRequests } == ["clear", "model", "use", "resume"])
    }

    @Test func eventsRoundTripThroughJSON() throws {
        let plan = Plan(steps: [PlanStep(id: 1, title: "t", persona: "writer")])
        let kinds: [EventKind] = [
            .planStarted(PlanStarted(request: "r", plan: plan)),
            .handoffInitiated(
                HandoffInitiated(
                    handoff: "h1", from: "orchestrator", to: "writer", step: 1, briefTokens: 10, facts: 1, dependencies: 0)),
            .planCompleted(PlanCompleted(outcome: .partial, answer: "a", durationMs: 5, tokens: 9)),
        ]
        for (index, kind) in kinds.enumerated() {
            let event = TroupeEvent(seq: index + 1, timestamp: Date(timeIntervalSince1970: 1_764_000_000.123), kind: kind)
            let decoded = try JSONCoding.decode(TroupeEvent.self, from: try JSONCoding.string(event))
            #expect(decoded.kind == event.kind)
            #expect(decoded.seq == event.seq)
            #expect(abs(decoded.timestamp.timeIntervalSince(event.timestamp)) < 0.001)
        }
    }

    /// Each payload declares its wire type once; an event's type is its payload's, and its
    /// payload gives back the same case — checked on every event of every golden transcript.
    @Test func everyPayloadNamesItsEventTypeOnce() throws {
        let names = EventKind.payloadTypes.map { $0.eventType }
        #expect(Set(names).count == names.count)
        #expect(EventKind.knownTypes == Set(names))
        var seen: Set<String> = []
        for file in GoldenTranscripts.files {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                guard let event = try? JSONCoding.decode(TroupeEvent.self, from: String(line)) else { continue }
                #expect(event.kind.payload.eventKind == event.kind)
                #expect(line.contains("\"type\":\"\(event.kind.type)\""), "\(file.lastPathComponent): \(line.prefix(80))")
                seen.insert(event.kind.type)
            }
        }
        #expect(seen.count >= 20, "\(seen.sorted())")
    }

    @Test func unknownEventTypesAreRejected() {
        #expect(throws: DecodingError.self) {
            try JSONCoding.decode(TroupeEvent.self, from: "{\"seq\":1,\"ts\":\"2026-11-25T16:05:12.345Z\",\"type\":\"nope\"}")
        }
    }
}

@Suite struct StructuredReplyTests {
    struct Small: Decodable, Equatable { var a: Int }

    @Test func findsJSONWhereModelsPutIt() throws {
        #expect(try StructuredReply.decode(Small.self, from: "{\"a\": 1}") == Small(a: 1))
        #expect(try StructuredReply.decode(Small.self, from: "Sure!\n```json\n{\"a\": 2}\n```\nDone.") == Small(a: 2))
        #expect(try StructuredReply.decode(Small.self, from: "The answer is {\"a\": 3} as asked.") == Small(a: 3))
        #expect(try StructuredReply.decode(Small.self, from: "{\"b\": \"}\"} then {\"a\": 4}") == Small(a: 4))
    }

    @Test func explainsWhatIsWrong() {
        #expect(throws: StructuredReply.Failure(description: "the reply contains no JSON object")) {
            try StructuredReply.decode(Small.self, from: "no json here")
        }
        #expect(throws: StructuredReply.Failure(description: "missing field 'a'")) {
            try StructuredReply.decode(Small.self, from: "{\"b\": 1}")
        }
    }
}
