import ArgumentParser
import Foundation
import TroupeHTTP
import TroupeProviders
import TroupeTesting

/// Latency the URLSession transport adds between the server sending the first body byte and
/// the client receiving it.
struct TransportBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transport", abstract: "Added latency of URLSessionTransport over a loopback server's first body byte.")

    @OptionGroup var output: OutputOptions

    @Option(help: "Requests to measure.")
    var requests = 200

    func run() async throws {
        let server = try LoopbackServer()
        let transport = URLSessionTransport()
        let body = Data("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n".utf8)
        var added: [Double] = []
        for index in 0..<requests {
            server.enqueue(
                ScriptedHTTPResponse(
                    status: 200, headers: [("Content-Type", "text/event-stream")], body: body, seed: UInt64(index)))
            let (_, stream) = try await transport.send(
                HTTPRequest(url: server.url("/v1/chat/completions"), body: Data("{}".utf8)))
            var iterator = stream.makeAsyncIterator()
            _ = try await iterator.next()
            let received = ContinuousClock.now
            while try await iterator.next() != nil {}
            let sent = server.firstBodyByteTimes[index]
            let latency = sent.duration(to: received)
            added.append(latency / .milliseconds(1))
        }
        added.sort()
        let (median, p90) = (added.percentile(0.5), added.percentile(0.9))
        var report = Report("transport", options: output)
        report.add("added latency p90", p90, unit: "ms")
        report.add(
            "added latency median", median, unit: "ms", target: 1,
            line: String(
                format: "requests %d  first-byte added latency: median %.3f ms  p90 %.3f ms  min %.3f ms  max %.3f ms",
                requests, median, p90, added.first ?? 0, added.last ?? 0))
        try report.finish()
    }
}
