import Foundation
public import TroupeCore

/// `count_lines`: lines and words of the files under a path (chosen as `search_files` chooses
/// them: ignore files applied, hidden files left out), per file and in total, biggest first.
public struct CountLinesTool: WorkerTool {
    public let effect = ToolEffect.readsOnly
    let workspace: Workspace
    let shownLimit = 50

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public var spec: ToolSpec {
        ToolSpec(
            name: "count_lines",
            description: "Count lines and words of a file, or of every file under a folder (optionally one extension).",
            parameters: ToolSchema.object(
                [
                    "path": ("string", "file or folder relative to the workspace root; default ."),
                    "extension": ("string", "only files with this extension, e.g. swift"),
                ], required: []))
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        let args = ToolArguments(json: arguments)
        do {
            let target = try workspace.resolve(args.string("path") ?? ".")
            let wanted = args.fileExtension()
            let files = FileSet(workspace: workspace).files(under: target).paths.map { URL(fileURLWithPath: $0) }
                .filter { wanted == nil || $0.pathExtension.lowercased() == wanted }
            let large = files.filter {
                ((try? $0.resourceValues(forKeys: [.fileSizeKey]))?.fileSize ?? 0) > FileSearch.largestFile
            }
            let counts = files.filter { !large.contains($0) }.compactMap(count)
                .sorted { $0.lines != $1.lines ? $0.lines > $1.lines : $0.path < $1.path }
            let totalLines = counts.reduce(0) { $0 + $1.lines }
            let totalWords = counts.reduce(0) { $0 + $1.words }
            let headline =
                "\(counts.count) file\(counts.count == 1 ? "" : "s") under \(workspace.relativePath(target)): "
                + "\(totalLines) lines, \(totalWords) words in total"
                + (large.isEmpty
                    ? ""
                    : " (\(large.count) file\(large.count == 1 ? "" : "s") over \(FileSearch.largestFile >> 20) MB not counted)")
            var lines = [headline, "lines  words  file"]
            lines += counts.prefix(shownLimit).map {
                "\(String($0.lines).leftPadded(to: 5))  \(String($0.words).leftPadded(to: 5))  \($0.path)"
            }
            if counts.count > shownLimit { lines.append("… and \(counts.count - shownLimit) smaller files") }
            return ToolOutput(text: lines.joined(separator: "\n"), summary: headline)
        } catch {
            return ToolOutput(text: "error: \(error)", summary: "count_lines failed: \(error)", isError: true)
        }
    }

    private func count(_ url: URL) -> (path: String, lines: Int, words: Int)? {
        // Mapped: counting must not hold a whole file in memory.
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped), !data.prefix(FileSearch.binaryProbe).contains(0)
        else { return nil }
        // Counted in the bytes, as `wc -l -w` counts: line breaks (a last line without one counts
        // too; `\r\n` is one), and runs of bytes between ASCII spaces, tabs and line breaks.
        let (lines, words) = data.withUnsafeBytes { raw -> (Int, Int) in
            var lines = 0
            var words = 0
            var inWord = false
            for byte in raw {
                let space = byte == 0x20 || (0x09...0x0D).contains(byte)
                if byte == 0x0A { lines += 1 }
                if !space, !inWord { words += 1 }
                inWord = !space
            }
            if let last = raw.last, last != 0x0A { lines += 1 }
            return (lines, words)
        }
        return (workspace.relativePath(url), lines, words)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
