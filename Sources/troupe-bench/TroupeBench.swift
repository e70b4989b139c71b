import ArgumentParser

/// `troupe-bench`: measurements behind BENCHMARKS.md. Build it in release mode.
@main
struct TroupeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "troupe-bench",
        abstract: "Measure Troupe's parsers, transport and engine (release build).",
        subcommands: [EngineBenchmark.self, ParserBenchmark.self, TransportBenchmark.self])
}
