import Foundation
public import TroupeCore

/// `read_file`: Claude Code's `Read` — a text file of the workspace with line numbers, from
/// `offset` for `limit` lines; long lines cut with a marker; a cap on what one call returns, with
/// the call that reads on; images, PDFs and other binary files described, not dumped.
public struct ReadFileTool: WorkerTool {
    public let effect = ToolEffect.readsOnly
    let workspace: Workspace
    /// Lines returned when the call sets no `limit`.
    static let defaultLimit = 2_000
    /// Characters of one line shown before it is cut.
    static let longestLine = 2_000
    /// Bytes of text one call returns at most.
    static let byteCap = 256 * 1024

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public var spec: ToolSpec {
        ToolSpec(
            name: "read_file",
            description: """
                Read a text file of the workspace with line numbers: up to 2000 lines from `offset` (1-based); \
                lines over 2000 characters are cut. Binary files (images, PDFs) are described, not shown.
                """,
            parameters: ToolSchema.object(
                [
                    "path": ("string", "file relative to the workspace root (file_path is accepted too)"),
                    "offset": ("integer", "first line to show, 1-based (default 1)"),
                    "limit": ("integer", "how many lines to show (default 2000)"),
                ], required: ["path"]))
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        let args = ToolArguments(json: arguments)
        guard let path = args.string("path", "file_path") else {
            return ToolOutput(text: "error: read_file needs a path", summary: "read_file without a path", isError: true)
        }
        do {
            let url = try workspace.resolve(path)
            let relative = workspace.relativePath(url)
            let first = max(1, args.int("offset", "start") ?? 1)
            let limit = max(1, args.int("limit") ?? Self.defaultLimit)
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            let part: FilePart
            if size <= FileSearch.largestFile {
                let data = try Data(contentsOf: url, options: .mappedIfSafe)
                part = FilePart(bytes: data, firstLine: 1, head: data, fileSize: data.count, whole: true, reachedEnd: true)
            } else {
                part = try Self.readPart(of: url, first: first, limit: limit, fileSize: size)
            }
            if let kind = Self.binaryKind(part.head, name: url.lastPathComponent) {
                let text = "\(relative) is \(kind), \(part.fileSize) bytes; it is not shown as text"
                return ToolOutput(text: text, summary: "\(relative): \(kind)", files: [relative])
            }
            return part.bytes.withUnsafeBytes { raw in
                read(raw.bindMemory(to: UInt8.self), of: part, relative: relative, first: first, limit: limit)
            }
        } catch {
            return ToolOutput(text: "error: \(error)", summary: "read_file failed: \(error)", isError: true)
        }
    }

    /// What was read of a file: all of it, or (past the size a search skips) the lines from the
    /// one asked for on, as far as one call can return.
    struct FilePart {
        /// The bytes read, from the start of line `firstLine`.
        var bytes: Data
        var firstLine: Int
        /// The file's first bytes, to tell a binary file.
        var head: Data
        var fileSize: Int
        /// Whether `bytes` is the whole file.
        var whole: Bool
        /// Whether the file was read to its end; if not, `bytes` ends with a whole line.
        var reachedEnd: Bool
    }

    /// Reads a file too large to read whole a megabyte at a time: lines before `first` are
    /// counted and dropped, and reading stops once `limit` lines (or the bytes one call returns)
    /// are in, or the turn is cancelled. Memory stays at about one call's output.
    static func readPart(of url: URL, first: Int, limit: Int, fileSize: Int) throws -> FilePart {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var head: Data?
        var line = 1
        var kept = Data()
        var keptLines = 0
        var reachedEnd = false
        while true {
            guard !Task.isCancelled else { break }
            guard let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty else {
                reachedEnd = true
                break
            }
            if head == nil {
                head = chunk
                if binaryKind(chunk, name: url.lastPathComponent) != nil { break }
            }
            var start = 0
            if line < first {
                let (passed, end) = skipLines(first - line, in: chunk)
                line += passed
                if line < first { continue }
                start = end
            }
            let taken = chunk.dropFirst(start)
            kept.append(taken)
            keptLines += skipLines(Int.max, in: taken).passed
            if keptLines > limit || kept.count > byteCap + 4 * longestLine { break }
        }
        // Stopped early: a line cut by the chunk is left for the next call, unless it is all there is.
        if !reachedEnd, let lastBreak = kept.lastIndex(of: 0x0A), lastBreak + 1 < kept.endIndex {
            kept = kept.prefix(upTo: lastBreak + 1)
        }
        return FilePart(
            bytes: kept, firstLine: min(line, first), head: head ?? Data(), fileSize: fileSize, whole: false,
            reachedEnd: reachedEnd)
    }

    /// Passes up to `count` line breaks of `bytes` (memchr from one to the next): how many it
    /// passed, and the offset just after the last of them.
    private static func skipLines(_ count: Int, in bytes: Data) -> (passed: Int, end: Int) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return (0, 0) }
            var passed = 0
            var offset = 0
            while passed < count, offset < raw.count, let hit = memchr(base + offset, 0x0A, raw.count - offset) {
                offset = base.distance(to: UnsafeRawPointer(hit)) + 1
                passed += 1
            }
            return (passed, passed == 0 ? 0 : offset)
        }
    }

    private func read(
        _ bytes: UnsafeBufferPointer<UInt8>, of part: FilePart, relative: String, first: Int, limit: Int
    ) -> ToolOutput {
        // A file past the size a search skips is read only as far as asked: its lines are not all
        // found (that would read every byte of it), and the headline says so.
        let whole = part.whole
        let starts = FileSearch.lineStarts(bytes, upTo: whole ? nil : first - part.firstLine + limit + 1)
        let offset = part.firstLine - 1
        let total = bytes.isEmpty ? offset : offset + starts.count
        let size = whole ? "\(total) lines" : "\(part.fileSize >> 20) MB; lines not counted past \(total)"
        var output = ["\(relative) (\(size))"]
        guard first <= max(total, 1) else {
            let text = "\(relative) has \(whole ? "" : "at least ")\(total) lines; offset \(first) is past its end"
            return ToolOutput(text: text, summary: text, isError: true)
        }
        var shownBytes = 0
        var line = first
        var cut = 0
        while line <= total, line < first + limit {
            let index = line - offset
            let start = starts[index - 1]
            var end = index < starts.count ? starts[index] - 1 : bytes.count
            if index == starts.count, end > start, bytes[end - 1] == 0x0A { end -= 1 }  // the file's final line break
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<max(start, end)]), as: UTF8.self)
            if text.count > Self.longestLine {
                text = String(text.prefix(Self.longestLine)) + " … (line cut at \(Self.longestLine) characters)"
                cut += 1
            }
            if shownBytes + text.utf8.count > Self.byteCap, line > first { break }
            shownBytes += text.utf8.count
            output.append("\(String(line).leftPadded(to: 6))\t\(text)")
            line += 1
        }
        if !whole, line > total, !part.reachedEnd, bytes.last != 0x0A {
            // Only part of the last line was read: whether another follows is not known.
            output.append(
                "… line \(line - 1) goes on past the \(bytes.count >> 20) MB read; a next line, if any, is at offset \(line)")
        } else if !whole, line <= total || !part.reachedEnd {
            output.append("… more lines; read on with offset \(line)")
        } else if line <= total {
            output.append("… \(total - line + 1) more lines; read on with offset \(line)")
        }
        let of = whole ? "of \(total)" : "of a \(part.fileSize >> 20) MB file"
        let summary = "read \(relative) lines \(first)–\(line - 1) \(of)" + (cut > 0 ? " (\(cut) long line(s) cut)" : "")
        return ToolOutput(text: output.joined(separator: "\n"), summary: summary, files: [relative])
    }

    /// What a binary file is, from its first bytes and its name; nil for text.
    static func binaryKind(_ data: Data, name: String) -> String? {
        let head = data.prefix(FileSearch.binaryProbe)
        let signatures: [(prefix: [UInt8], kind: String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "a PNG image"), ([0xFF, 0xD8, 0xFF], "a JPEG image"), (Array("GIF8".utf8), "a GIF image"),
            (Array("%PDF".utf8), "a PDF document"), ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive"),
            ([0x7F, 0x45, 0x4C, 0x46], "an ELF executable"), ([0x1F, 0x8B], "a gzip archive"),
        ]
        if let match = signatures.first(where: { head.starts(with: $0.prefix) }) { return match.kind }
        if head.starts(with: Array("RIFF".utf8)), head.dropFirst(8).starts(with: Array("WEBP".utf8)) { return "a WebP image" }
        return head.contains(0) ? "a binary file" : nil
    }
}
