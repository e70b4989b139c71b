import ArgumentParser
import Foundation
import TroupeCore
import TroupeTools

/// The workers' file tools on a large tree, beside ripgrep and `grep -rn` in the same run: a
/// literal search, a regular-expression search and a `**/*.h` glob, each timed warm (median).
struct ToolsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools", abstract: "search_files and list_files on a large tree beside rg and grep -rn.")

    @OptionGroup var output: OutputOptions

    @Option(help: "The tree to search (default /usr/include).")
    var root = "/usr/include"

    @Option(help: "Repetitions; the median is reported.")
    var runs = 5

    @Option(help: "Also generate a tree of this many small files in a temporary folder and search it (0: no).")
    var generated = 100_000

    func run() async throws {
        var report = Report("tools", options: output)
        report.say(
            "tree                          task                    troupe       rg    grep -rn   troupe/rg   matches (troupe / rg / grep)"
        )
        try await measure(tree: URL(fileURLWithPath: root), label: root, report: &report)
        if generated > 0 {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-bench-tree-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try Self.generate(generated, in: folder)
            try await measure(tree: folder, label: "generated \(generated) files", report: &report)
        }
        try report.finish()
    }

    private func measure(tree: URL, label: String, report: inout Report) async throws {
        let workspace = Workspace(root: tree)
        let search = SearchFilesTool(workspace: workspace)
        let list = ListFilesTool(workspace: workspace)
        let tasks: [(name: String, troupe: JSONValue?, listing: JSONValue?, rg: [String], grep: [String])] = [
            (
                "literal pthread_mutex_lock",
                .object([
                    "pattern": .string("pthread_mutex_lock"), "output_mode": .string("count"), "head_limit": .number(100_000),
                ]), nil,
                ["rg", "-c", "--no-ignore", "-u", "pthread_mutex_lock", tree.path],
                ["grep", "-rc", "pthread_mutex_lock", tree.path]
            ),
            (
                "regex struct \\w+_t \\{",
                .object([
                    "pattern": .string("struct \\w+_t \\{"), "output_mode": .string("count"), "head_limit": .number(100_000),
                ]), nil,
                ["rg", "-c", "--no-ignore", "-u", "struct \\w+_t \\{", tree.path],
                ["grep", "-rcE", "struct [[:alnum:]_]+_t \\{", tree.path]
            ),
            (
                "glob **/*.h", nil, .object(["pattern": .string("**/*.h"), "limit": .number(1_000_000)]),
                ["rg", "--files", "--no-ignore", "-u", "-g", "*.h", tree.path], ["find", tree.path, "-name", "*.h", "-type", "f"]
            ),
        ]
        for task in tasks {
            var troupeCount = 0
            let troupe = try await median {
                let started = ContinuousClock.now
                let result: ToolOutput
                if let arguments = task.troupe {
                    result = await search.run(arguments: arguments)
                } else {
                    result = await list.run(arguments: task.listing!)
                }
                troupeCount = Self.count(result)
                return started.duration(to: .now) / .milliseconds(1)
            }
            var rgCount = 0
            let rg = try await median {
                let (milliseconds, lines) = try Self.time(task.rg)
                rgCount = Self.total(lines, counts: task.troupe != nil)
                return milliseconds
            }
            var grepCount = 0
            let grep = try await median {
                let (milliseconds, lines) = try Self.time(task.grep)
                grepCount = Self.total(lines, counts: task.troupe != nil)
                return milliseconds
            }
            report.add("\(label) \(task.name) troupe", troupe, unit: "ms")
            report.add("\(label) \(task.name) rg", rg, unit: "ms")
            report.add(
                "\(label) \(task.name) grep", grep, unit: "ms",
                line: String(
                    format: "%-29@ %-22@ %7.1f ms %7.1f ms %7.1f ms   %6.2f×     %d / %d / %d", String(label.prefix(29)),
                    task.name,
                    troupe, rg, grep, troupe / max(rg, 0.001), troupeCount, rgCount, grepCount))
        }
    }

    /// The number a tool's headline leads with (matches or files).
    static func count(_ output: ToolOutput) -> Int {
        Int(output.text.prefix { $0.isNumber }) ?? -1
    }

    /// Matches summed from `path:count` lines, or the number of listed lines.
    static func total(_ lines: [Substring], counts: Bool) -> Int {
        guard counts else { return lines.count }
        return lines.reduce(0) { $0 + (Int($1.split(separator: ":").last ?? "") ?? 0) }
    }

    /// Runs `command`, its wall time and its output lines.
    static func time(_ command: [String]) throws -> (Double, [Substring]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let started = ContinuousClock.now
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = started.duration(to: .now) / .milliseconds(1)
        return (elapsed, String(decoding: data, as: UTF8.self).split(separator: "\n"))
    }

    /// `count` small source files in nested folders, one in fifty holding the literal.
    static func generate(_ count: Int, in folder: URL) throws {
        for index in 0..<count {
            let directory = folder.appendingPathComponent("d\(index % 100)/e\(index % 37)")
            if index < 3_700 { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
            let body =
                "// file \(index)\n#include <stdio.h>\nstruct item_\(index)_t {\n    int value;\n};\n"
                + (index % 50 == 0 ? "void lock(void) { pthread_mutex_lock(&m); }\n" : "")
            try Data(body.utf8).write(to: directory.appendingPathComponent("f\(index).h"))
        }
    }

    private func median(_ measure: () async throws -> Double) async throws -> Double {
        var samples: [Double] = []
        for _ in 0..<runs { samples.append(try await measure()) }
        return samples.percentile(0.5)
    }
}
