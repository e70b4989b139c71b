import Foundation
import Testing

@testable import TroupeShell

/// `/events`: the last matching lines of the transcript and how many matched.
@Suite struct EventListingTests {
    static func transcript(_ lines: [String], finalBreak: Bool = true) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString).jsonl")
        let header = #"{"format":"troupe-transcript","note":"handoff in the header is not an event"}"#
        try (([header] + lines).joined(separator: "\n") + (finalBreak ? "\n" : "")).write(
            to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func event(_ seq: Int, _ type: String, _ extra: String = "") -> String {
        #"{"seq":\#(seq),"ts":"2026-11-30T12:00:00.000Z","type":"\#(type)"\#(extra)}"#
    }

    @Test func theLastMatchesAreShownWithHowManyMatchedIgnoringCase() throws {
        let lines = (1...100).map { Self.event($0, $0 % 3 == 0 ? "orchestration.handoff_completed" : "model.request") }
        let url = try Self.transcript(lines)
        defer { try? FileManager.default.removeItem(at: url) }
        let listing = EventListing(style: TextStyle(enabled: false))
        let shown = try listing.lines(transcript: url, filter: "HANDOFF", json: true, limit: 5)
        #expect(shown[0] == "33 event(s) matching 'HANDOFF', the last 5 shown")
        #expect(Array(shown.dropFirst()) == [87, 90, 93, 96, 99].map { Self.event($0, "orchestration.handoff_completed") })
        let all = try listing.lines(transcript: url, filter: "", json: true, limit: 40)
        #expect(all[0] == "100 event(s), the last 40 shown")
        #expect(all.last == Self.event(100, "model.request"))
    }

    @Test func aLastLineWithoutItsBreakAndAFilterBeyondASCIIAreFound() throws {
        let url = try Self.transcript(
            [Self.event(1, "user.input", #","text":"Größe prüfen""#), Self.event(2, "user.input", #","text":"GRÖSSE""#)],
            finalBreak: false)
        defer { try? FileManager.default.removeItem(at: url) }
        let listing = EventListing(style: TextStyle(enabled: false))
        #expect(
            try listing.lines(transcript: url, filter: "größe", json: true)[0] == "2 event(s) matching 'größe'",
            "ß matches SS as text compares it")
        #expect(try listing.lines(transcript: url, filter: "input", json: true).count == 3)
        #expect(try listing.lines(transcript: url, filter: "not there", json: false) == ["No events match 'not there'."])
    }
}
