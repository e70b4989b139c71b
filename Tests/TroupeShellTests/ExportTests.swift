import Foundation
import Testing
import TroupeCore
import TroupeTesting

@testable import TroupeShell

@Suite struct ExportTests {
    static let golden = GoldenTranscripts.folder.appendingPathComponent("parallel-plan.jsonl")

    func export(_ format: TranscriptExporter.Format) throws -> String {
        try TranscriptExporter(reader: TranscriptReader(url: Self.golden)).export(format)
    }

    @Test func markdownTellsTheSessionForPeople() throws {
        let text = try export(.md)
        #expect(text.hasPrefix("# Troupe session "))
        #expect(text.contains("## Request\n\n> Where does the CSV import read rows"))
        #expect(text.contains("| 4 | writer | Summarize the findings | 1, 2, 3 |"))
        #expect(text.contains("- ⇢ `h1` orchestrator → researcher · step 1 · brief"))
        #expect(text.contains("#### Step 2 — analyst\n\n```text\nThe sample files hold 1,204 rows in all.\n```"))
        #expect(text.contains("### Answer (completed,"))
    }

    @Test func jsonIsOneDocumentWithEveryEvent() throws {
        let text = try export(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        let lines = try String(contentsOf: Self.golden, encoding: .utf8).split(separator: "\n").count
        #expect(events.count == lines - 1)
        #expect((object["header"] as? [String: Any])?["format"] as? String == "troupe-transcript")
    }

    @Test func castIsAsciicastVersionTwoWithHandoffMarkers() throws {
        let lines = try export(.cast).split(separator: "\n").map(String.init)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        let frames = try lines.dropFirst().map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any]) }
        let times = frames.compactMap { $0[0] as? Double }
        #expect(times == times.sorted())
        #expect(frames.contains { $0[1] as? String == "m" && $0[2] as? String == "orchestrator → writer" })
        let output = frames.filter { $0[1] as? String == "o" }.compactMap { $0[2] as? String }
        #expect(output.contains { $0.contains("(task ledger · 4 steps · parallel where possible)") })
        #expect(output.allSatisfy { !$0.replacingOccurrences(of: "\r\n", with: "").contains("\n") }, "lines end in CR LF")
    }
}
