public import ArgumentParser
import Foundation
import TroupeCore
public import TroupeShell

extension TranscriptExporter.Format: ExpressibleByArgument {}

/// `troupe export FILE --format md|json|cast|html`: a transcript as Markdown, JSON, an asciicast or
/// a self-contained HTML report.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Export a transcript as Markdown (md), one JSON document (json), an asciicast v2 recording (cast) or an HTML report (html)."
    )

    @Argument(help: "The transcript (.jsonl).")
    var file: String

    @Option(help: "md, json, cast or html.")
    var format: TranscriptExporter.Format = .md

    @Option(name: [.short, .long], help: "Where to write (default: standard output).")
    var output: String?

    func run() throws {
        do {
            let text = try TranscriptExporter(reader: TranscriptReader(url: URL(fileURLWithPath: file))).export(format)
            if let output {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } else {
                print(text, terminator: "")
            }
        } catch let error as TranscriptError {
            printError("troupe export: \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }
}
