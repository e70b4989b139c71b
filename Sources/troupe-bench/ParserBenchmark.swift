import ArgumentParser
import Foundation
import TroupeProviders

/// Parser throughput on the recorded provider streams.
struct ParserBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parsers", abstract: "Decode every streamed wire fixture repeatedly; report MB/s per format.")

    @OptionGroup var output: OutputOptions

    @Option(help: "The fixtures folder.")
    var fixtures = "Tests/Fixtures/wire"

    @Option(help: "Megabytes to decode per format.")
    var megabytes = 64

    @Option(help: "Bytes handed to the parser at a time.")
    var chunk = 4096

    @Option(help: "Only this format (openai, anthropic, ollama), e.g. to profile one.")
    var format: String?

    func run() throws {
        let folder = URL(fileURLWithPath: fixtures)
        let sets: [(WireDecoding.Format, String, String)] = [
            (.openAI, "openai", "sse"), (.anthropic, "anthropic", "sse"), (.ollama, "ollama", "ndjson"),
        ]
        var report = Report("parsers", options: output)
        report.say("format     fixtures  MB decoded  seconds   MB/s   (chunk \(chunk) B)")
        for (format, directory, fileExtension) in sets where self.format == nil || self.format == directory {
            let bodies = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(directory).path)
                .filter { $0.hasSuffix("." + fileExtension) }.sorted()
                .map { try Data(contentsOf: folder.appendingPathComponent(directory).appendingPathComponent($0)) }
            guard !bodies.isEmpty else { throw ValidationError("no .\(fileExtension) fixtures in \(directory)") }
            let target = megabytes * 1_000_000
            var decoded = 0
            let clock = ContinuousClock()
            let elapsed = try clock.measure {
                while decoded < target {
                    for body in bodies {
                        _ = try WireDecoding.decodeStream(body, format: format, chunkSize: chunk)
                        decoded += body.count
                    }
                }
            }
            let seconds = elapsed / .seconds(1)
            let megabytesDecoded = Double(decoded) / 1_000_000
            report.add(
                "\(format.rawValue) throughput", megabytesDecoded / seconds, unit: "MB/s",
                line: String(
                    format: "%-10@ %8d  %10.1f  %7.3f  %6.1f", format.rawValue, bodies.count, megabytesDecoded, seconds,
                    megabytesDecoded / seconds))
        }
        try report.finish()
    }
}
