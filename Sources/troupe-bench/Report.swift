import ArgumentParser
import Foundation

/// How a benchmark prints: the table people read, or with `--json` one JSON object with every
/// measurement (name, value, unit, and the target where the issue names one), for scripts.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the results as one JSON object instead of a table.")
    var json = false
}

/// The results of one benchmark run.
struct Report {
    /// One measured number.
    struct Measurement: Encodable {
        var name: String
        var value: Double
        var unit: String
        var target: Double?
    }

    let benchmark: String
    let json: Bool
    private var measurements: [Measurement] = []

    init(_ benchmark: String, options: OutputOptions) {
        self.benchmark = benchmark
        self.json = options.json
    }

    /// Prints `line` for people (now, unless printing JSON).
    func say(_ line: String) {
        if !json { print(line) }
    }

    /// Records a measurement, printing `line` for people.
    mutating func add(_ name: String, _ value: Double, unit: String, target: Double? = nil, line: String? = nil) {
        measurements.append(Measurement(name: name, value: value, unit: unit, target: target))
        if let line { say(line) }
    }

    /// With `--json`, prints `{"benchmark": …, "measurements": [...]}`.
    func finish() throws {
        guard json else { return }
        struct Document: Encodable {
            var benchmark: String
            var measurements: [Measurement]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(Document(benchmark: benchmark, measurements: measurements)), as: UTF8.self))
    }
}

extension Array where Element == Double {
    /// The measurement at `fraction` of these in order: 0.5 the median, 0.9 the 90th percentile.
    func percentile(_ fraction: Double) -> Double {
        let ordered = sorted()
        return ordered.isEmpty ? 0 : ordered[Swift.min(ordered.count - 1, Int(Double(ordered.count) * fraction))]
    }
}
