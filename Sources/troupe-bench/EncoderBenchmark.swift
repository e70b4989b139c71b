import ArgumentParser
import Foundation
import TroupeCore

/// Canonical JSON encoding of recorded events: Foundation's `JSONEncoder` against Troupe's
/// `CanonicalJSONEncoder`, on the same values in the same run, bytes compared.
struct EncoderBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encoder",
        abstract:
            "Encode every event of the golden transcripts canonically, with JSONEncoder and with Troupe's encoder; MB/s each.")

    @OptionGroup var output: OutputOptions

    @Option(help: "The transcripts folder.")
    var transcripts = "transcripts"

    @Option(help: "Megabytes of JSON to write per encoder.")
    var megabytes = 32

    func run() throws {
        let folder = URL(fileURLWithPath: transcripts)
        let events = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonl") }.sorted()
            .flatMap { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8).split(separator: "\n") }
            .compactMap { try? JSONCoding.decode(TroupeEvent.self, from: String($0)) }
        guard !events.isEmpty else { throw ValidationError("no events in \(transcripts)") }
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for event in events where try foundation.encode(event) != Data(try CanonicalJSONEncoder.encode(event)) {
            throw ValidationError("the encoders disagree on event \(event.seq) (\(event.kind.type))")
        }
        var report = Report("encoder", options: output)
        report.say("encoder               events  MB written  seconds   MB/s")
        let encoders: [(String, (TroupeEvent) throws -> Int)] = [
            ("JSONEncoder", { try foundation.encode($0).count }),
            ("CanonicalJSONEncoder", { try CanonicalJSONEncoder.encode($0).count }),
        ]
        for (name, encode) in encoders {
            var written = 0
            var encoded = 0
            let elapsed = try ContinuousClock().measure {
                while written < megabytes * 1_000_000 {
                    for event in events {
                        written += try encode(event)
                        encoded += 1
                    }
                }
            }
            let seconds = elapsed / .seconds(1)
            let megabytesWritten = Double(written) / 1_000_000
            report.add(
                "\(name) throughput", megabytesWritten / seconds, unit: "MB/s",
                line: String(
                    format: "%-20@ %7d  %10.1f  %7.3f  %6.1f", name, encoded, megabytesWritten, seconds,
                    megabytesWritten / seconds))
        }
        try report.finish()
    }
}
