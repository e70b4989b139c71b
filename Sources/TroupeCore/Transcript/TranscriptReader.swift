import Foundation

/// Reads a transcript a line at a time, so memory stays flat in the file's size: the header,
/// then each event with its line number. A last line cut short (a process killed mid-write) is
/// tolerated and reported; any other bad line is an error naming the line.
public struct TranscriptReader: Sendable {
    public let url: URL
    public let header: TranscriptHeader

    /// Opens `url` and reads its header.
    public init(url: URL) throws {
        self.url = url
        var header: TranscriptHeader?
        try Self.lines(of: url) { text, _, _ in
            header = try Self.header(from: text, path: url.path)
            return false
        }
        guard let header else { throw TranscriptError.notATranscript(path: url.path, message: "the file is empty") }
        self.header = header
    }

    /// What reading the events found besides the events.
    public struct Summary: Sendable, Equatable {
        public var events = 0
        /// The line number of a cut-short last line that was skipped.
        public var truncatedLastLine: Int?
        /// The first bad line, when `readablePrefixOnly` stopped the reading there.
        public var corruptLine: Int?
    }

    /// Calls `body` with each event and its line number, in order. With `readablePrefixOnly`, a
    /// corrupt line ends the reading (noted in the summary) instead of throwing.
    @discardableResult
    public func forEachEvent(
        readablePrefixOnly: Bool = false, _ body: (TroupeEvent, Int) throws -> Void
    ) throws -> Summary {
        var summary = Summary()
        let path = url.path
        try Self.lines(of: url) { text, number, isLast in
            guard number > 1 else { return true }
            if text.isEmpty { return true }
            let event: TroupeEvent
            do {
                event = try JSONCoding.decode(TroupeEvent.self, from: text)
            } catch {
                if isLast.cutShort {
                    summary.truncatedLastLine = number
                    return false
                }
                if readablePrefixOnly {
                    summary.corruptLine = number
                    return false
                }
                throw TranscriptError.corruptLine(path: path, line: number, message: Self.describe(error))
            }
            summary.events += 1
            try body(event, number)
            return true
        }
        return summary
    }

    private static func header(from text: String, path: String) throws -> TranscriptHeader {
        guard let object = try? JSONValue.parse(Data(text.utf8)), case .object(let fields) = object else {
            throw TranscriptError.notATranscript(path: path, message: "line 1 is not a JSON object")
        }
        guard case .string("troupe-transcript")? = fields["format"] else {
            throw TranscriptError.notATranscript(path: path, message: "line 1 has no \"format\": \"troupe-transcript\"")
        }
        if case .number(let version)? = fields["formatVersion"], Int(version) > TranscriptHeader.currentFormatVersion {
            throw TranscriptError.unsupportedVersion(
                path: path, found: Int(version), supported: TranscriptHeader.currentFormatVersion)
        }
        do {
            return try JSONCoding.decode(TranscriptHeader.self, from: text)
        } catch {
            throw TranscriptError.notATranscript(path: path, message: "bad header: \(describe(error))")
        }
    }

    /// Whether a line was the file's last and had no newline after it.
    struct LineEnd {
        var cutShort: Bool
    }

    /// Calls `body` with each line (without its newline) and its 1-based number until it returns false.
    static func lines(of url: URL, _ body: (String, Int, LineEnd) throws -> Bool) throws {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw TranscriptError.unreadable(path: url.path, message: error.localizedDescription)
        }
        defer { try? handle.close() }
        var pending = Data()
        var number = 0
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 16) ?? Data() } catch {
                throw TranscriptError.unreadable(path: url.path, message: error.localizedDescription)
            }
            if chunk.isEmpty { break }
            pending.append(chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                number += 1
                let line = String(decoding: pending[start..<newline], as: UTF8.self)
                guard try body(line, number, LineEnd(cutShort: false)) else { return }
                start = pending.index(after: newline)
            }
            pending = Data(pending[start...])
        }
        if !pending.isEmpty {
            number += 1
            _ = try body(String(decoding: pending, as: UTF8.self), number, LineEnd(cutShort: true))
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context): return context.debugDescription
        case DecodingError.valueNotFound(_, let context): return context.debugDescription
        default: return "\(error)"
        }
    }
}
