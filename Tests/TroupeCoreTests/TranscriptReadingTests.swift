import Foundation
import Testing
import TroupeTesting

@testable import TroupeCore

/// Reading long transcripts a line at a time: lines and their offsets across read chunks, lines
/// read again by offset, batches decoded in parallel, and envelopes read by a scan.
@Suite struct TranscriptReadingTests {
    @Test func everyGoldenKeepsTheInvariantsAndABrokenOneIsCaught() throws {
        let files = GoldenTranscripts.files
        #expect(files.count >= 9)
        for file in files {
            #expect(TranscriptInvariants.problems(in: file, name: file.lastPathComponent).isEmpty)
        }
        let folder = try TemporaryFolder()
        let golden = try String(
            contentsOf: GoldenTranscripts.folder.appendingPathComponent("parallel-plan.jsonl"), encoding: .utf8)
        let completed = golden.split(separator: "\n").first { $0.contains("\"type\":\"orchestration.handoff_completed\"") }
        let doubled = golden.replacingOccurrences(
            of: String(try #require(completed)), with: String(try #require(completed)) + "\n" + String(try #require(completed)))
        let broken = try folder.write("doubled.jsonl", doubled)
        let problems = TranscriptInvariants.problems(in: broken, name: "doubled")
        #expect(problems.contains { $0.hasPrefix("doubled: handoff 1/") && $0.hasSuffix("ended 2 times") }, "\(problems)")
    }

    @Test func linesKeepTheirNumbersAndOffsetsAcrossChunksAndAreReadAgainByOffset() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("lines.jsonl")
        let lines = (1...200).map { String(repeating: "x", count: $0 % 37) + "line \($0)" }
        try (lines.joined(separator: "\n") + "\nlast, cut short").write(to: url, atomically: true, encoding: .utf8)
        let file = try TranscriptFile(url: url)
        var cursor = LineCursor(file: file, offset: 0, number: 1, chunkSize: 7)
        var read: [TranscriptLine] = []
        while let line = try cursor.next() { read.append(line) }
        #expect(read.map(\.text) == lines + ["last, cut short"])
        #expect(read.map(\.number) == Array(1...201))
        #expect(read.dropLast().allSatisfy { !$0.cutShort } && read.last?.cutShort == true)
        for line in [read[0], read[99], read[200]] {
            #expect(try file.line(at: line.offset, number: line.number).text == line.text)
        }
    }

    @Test func aCorruptLineDeepInALongFileIsNamedAndItsPrefixIsReadable() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("long.jsonl")
        let header = TranscriptHeader(
            toolVersion: "test", sessionID: "s", started: Date(), model: "offline", personas: [], terminal: nil)
        let writer = try TranscriptWriter(url: url, header: header, redactor: SecretRedactor(secrets: []))
        let bus = EventBus()
        writer.record(bus)
        for index in 1...1500 { bus.publish(.answerDelta(AnswerDelta(text: "piece \(index)"))) }
        writer.close()
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        lines[1200] = "{\"seq\": 1200, \"type\":"
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        let reader = try TranscriptReader(url: url)
        #expect(throws: TranscriptError.self) { try reader.forEachEvent { _, _ in } }
        do {
            try reader.forEachEvent { _, _ in }
        } catch TranscriptError.corruptLine(_, let line, _) {
            #expect(line == 1201)
        }
        var seen: [Int] = []
        let summary = try reader.forEachEvent(readablePrefixOnly: true) { _, line in seen.append(line) }
        #expect(summary.corruptLine == 1201)
        #expect(seen == Array(2...1200))
    }

    @Test func theScannedEnvelopeOfEveryGoldenLineIsTheDecodedOne() throws {
        let files = GoldenTranscripts.files
        #expect(files.count >= 7)
        var compared = 0
        for url in files {
            try TranscriptReader(url: url).forEachLine { decoder, line in
                (try decoder.decode(EventEnvelope.self, from: line.bytes), line.bytes)
            } _: { decoded, line in
                #expect(EventEnvelope(scanning: decoded.1) == decoded.0, "\(url.lastPathComponent):\(line.number)")
                compared += 1
            }
        }
        #expect(compared > 200)
    }

    @Test func theScanReadsOnlyTopLevelKeysAndLeavesEscapesToTheDecoder() throws {
        let nested =
            #"{"agent":"coder","hash":"h","purpose":"work","request":{"agent":"other","step":9,"#
            + #""messages":[{"content":"a \"quoted\" } ] { text","to":"x"}]},"seq":3,"ts":"t","type":"model.request"}"#
        let scanned = try #require(EventEnvelope(scanning: Data(nested.utf8)))
        #expect(scanned == (try JSONDecoder().decode(EventEnvelope.self, from: Data(nested.utf8))))
        #expect(scanned.agent == "coder" && scanned.step == nil && scanned.to == nil && scanned.purpose == .work)
        let escaped = #"{"persona":"a\"b","seq":1,"step":2,"ts":"t","type":"orchestration.task_assigned"}"#
        #expect(EventEnvelope(scanning: Data(escaped.utf8)) == nil)
        #expect(EventEnvelope(scanning: Data(#"{"seq":1,"type":"no.such"}"#.utf8)) == nil)
        // Found by fuzzing: with a key given twice the decoder keeps one of them; the scan declines.
        let twice = #"{"persona":"analyst","persona":"coder","seq":1,"ts":"t","type":"agent.status_changed"}"#
        #expect(EventEnvelope(scanning: Data(twice.utf8)) == nil)
        // Also found by fuzzing: a raw control character, which the decoder refuses in that field.
        let control = Data(#"{"hash":"ab"#.utf8) + Data([0x1D]) + Data(#"c","seq":1,"ts":"t","type":"model.backoff"}"#.utf8)
        #expect(EventEnvelope(scanning: control) == nil)
        let invalid =
            Data(#"{"from":"or"#.utf8) + Data([0xE3])
            + Data(#"x","seq":1,"ts":"t","type":"orchestration.handoff_completed"}"#.utf8)
        #expect(EventEnvelope(scanning: invalid) == nil)
    }

    @Test func aLargeEventIsComparedByHashAndShownFromTheFile() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("plan.jsonl")
        let steps = (1...400).map { PlanStep(id: $0, title: "count the rows of file \($0)", persona: "analyst") }
        let event = TroupeEvent(
            seq: 7, timestamp: Date(), kind: .planStarted(PlanStarted(request: "count", plan: Plan(steps: steps))))
        try (JSONCoding.string(event) + "\n").write(to: url, atomically: true, encoding: .utf8)
        let file = try TranscriptFile(url: url)
        let line = try file.line(at: 0, number: 1)
        let envelope = try JSONDecoder().decode(EventEnvelope.self, from: line.bytes)
        let recorded = EventComparison.recorded(envelope, line: line, in: file)
        #expect(recorded.key.hasPrefix("sha256 ") && recorded.key.count < 100)
        #expect(EventComparison.replayed(event).key == recorded.key)
        var changed = steps
        changed[199].title = "count the rows of another file"
        let replayed = EventComparison.replayed(
            TroupeEvent(seq: 9, timestamp: Date(), kind: .planStarted(PlanStarted(request: "count", plan: Plan(steps: changed)))))
        #expect(replayed.key != recorded.key)
        #expect(recorded.description.contains("count the rows of file 200") && !recorded.description.contains("\"seq\""))
        #expect(replayed.description.contains("count the rows of another file"))
    }
}
