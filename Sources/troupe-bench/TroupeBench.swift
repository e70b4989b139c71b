import ArgumentParser

/// `troupe-bench`: measurements behind BENCHMARKS.md. Build it in release mode.
@main
struct TroupeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "troupe-bench",
        abstract:
            "Measure Troupe's start-up, long sessions, parsers, encoder, transport, engine, briefs, replay and fault handling (release build).",
        subcommands: [
            BriefBenchmark.self, ChaosBenchmark.self, EncoderBenchmark.self, EngineBenchmark.self, ReplayBenchmark.self,
            ParserBenchmark.self,
            SoakBenchmark.self, StartupBenchmark.self, ToolsBenchmark.self, TransportBenchmark.self,
        ])
}
