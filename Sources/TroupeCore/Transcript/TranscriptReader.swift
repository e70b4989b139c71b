public import Foundation

/// Reads a transcript a line at a time, so memory stays flat in the file's size: the header,
/// then each event with its line number. A last line cut short (a process killed mid-write) is
/// tolerated and reported; any other bad line is an error naming the line.
public struct TranscriptReader: Sendable {
    public let url: URL
    public let header: TranscriptHeader
    /// The file, for reading lines again by offset.
    public let file: TranscriptFile
    /// Where line 2, the first event, starts.
    let eventsOffset: Int

    /// Opens `url` and reads its header.
    public init(url: URL) throws {
        self.url = url
        file = try TranscriptFile(url: url)
        var cursor = LineCursor(file: file, offset: 0, number: 1)
        guard let first = try cursor.next() else {
            throw TranscriptError.notATranscript(path: url.path, message: "the file is empty")
        }
        header = try Self.header(from: first.text, path: url.path)
        eventsOffset = first.offset + first.bytes.count + 1
    }

    /// What reading the events found besides the events.
    public struct Summary: Sendable, Equatable {
        public var events = 0
        /// The line number of a cut-short last line that was skipped.
        public var truncatedLastLine: Int?
        /// The first bad line, when `readablePrefixOnly` stopped the reading there.
        public var corruptLine: Int?
    }

    /// Calls `body` with each event and its line number, in order, a model request recorded as
    /// a delta rebuilt (`RequestHistory`). With `readablePrefixOnly`, a corrupt line (or a delta
    /// that does not fit its base) ends the reading, noted in the summary, instead of throwing.
    @discardableResult
    public func forEachEvent(
        readablePrefixOnly: Bool = false, _ body: (TroupeEvent, Int) throws -> Void
    ) throws -> Summary {
        var requests = RequestHistory()
        var delivered = 0
        var unresolved: Int?
        let path = url.path
        do {
            return try forEachLine(readablePrefixOnly: readablePrefixOnly) { decoder, line in
                try decoder.decode(TroupeEvent.self, from: line.bytes)
            } _: { (event: TroupeEvent, line: TranscriptLine) in
                let resolved: TroupeEvent
                do throws(RequestDelta.Failure) {
                    resolved = try requests.resolved(event)
                } catch {
                    guard readablePrefixOnly else {
                        throw TranscriptError.danglingReference(path: path, line: line.number, message: error.description)
                    }
                    unresolved = line.number
                    throw error
                }
                try body(resolved, line.number)
                delivered += 1
            }
        } catch let error as RequestDelta.Failure {
            guard let line = unresolved else { throw error }
            return Summary(events: delivered, truncatedLastLine: nil, corruptLine: line)
        }
    }

    /// Calls `body` with each event as `forEachEvent` does, except that a model request comes
    /// without its conversation (`request.messages` empty): what a summary of the session needs
    /// (who asked, for what, when) without decoding the largest part of a transcript.
    @discardableResult
    public func forEachEventWithoutRequestBodies(_ body: (TroupeEvent, Int) throws -> Void) throws -> Summary {
        try forEachLine { decoder, line in
            let envelope = try decoder.decode(EventEnvelope.self, from: line.bytes)
            guard envelope.type == "model.request", let agent = envelope.agent, let purpose = envelope.purpose,
                let hash = envelope.hash
            else { return try decoder.decode(TroupeEvent.self, from: line.bytes) }
            let stamp = try decoder.decode(LineStamp.self, from: line.bytes)
            guard let date = Timestamps.date(stamp.ts) else { return try decoder.decode(TroupeEvent.self, from: line.bytes) }
            let request = ChatRequest(agent: agent, purpose: purpose, messages: [])
            return TroupeEvent(
                seq: stamp.seq, timestamp: date,
                kind: .modelRequested(ModelRequested(agent: agent, purpose: purpose, hash: hash, request: request)))
        } _: { event, line in
            try body(event, line.number)
        }
    }

    /// A line's sequence number and time, read without the rest.
    private struct LineStamp: Decodable {
        var seq: Int
        var ts: String
    }

    /// Calls `body` with what `decode` makes of each event line, and the line, in order. A line
    /// `decode` throws on is handled as a bad line: skipped when it is a cut-short last line, the
    /// end of the reading with `readablePrefixOnly`, an error naming the line otherwise. Lines are
    /// read in batches whose decoding is spread over the processors.
    @discardableResult
    public func forEachLine<Value: Sendable>(
        readablePrefixOnly: Bool = false, decode: @Sendable (JSONDecoder, TranscriptLine) throws -> Value,
        _ body: (Value, TranscriptLine) throws -> Void
    ) throws -> Summary {
        var summary = Summary()
        let path = url.path
        var batch: [TranscriptLine] = []
        var stopped = false
        func flush() throws {
            let values = ParallelDecoding.decode(batch, decode)
            defer { batch.removeAll(keepingCapacity: true) }
            for (line, value) in zip(batch, values) {
                switch value {
                case .success(let value):
                    summary.events += 1
                    try body(value, line)
                case .failure(let error):
                    stopped = true
                    if line.cutShort {
                        summary.truncatedLastLine = line.number
                        return
                    }
                    if readablePrefixOnly {
                        summary.corruptLine = line.number
                        return
                    }
                    throw TranscriptError.corruptLine(path: path, line: line.number, message: Self.describe(error))
                }
            }
        }
        try file.forEachLine(from: eventsOffset, firstNumber: 2) { line in
            if line.bytes.isEmpty { return true }
            batch.append(line)
            if batch.count == ParallelDecoding.batchSize { try flush() }
            return !stopped
        }
        if !stopped { try flush() }
        return summary
    }

    private static func header(from text: String, path: String) throws -> TranscriptHeader {
        guard let object = try? JSONValue.parse(Data(text.utf8)), case .object(let fields) = object else {
            throw TranscriptError.notATranscript(path: path, message: "line 1 is not a JSON object")
        }
        guard case .string("troupe-transcript")? = fields["format"] else {
            throw TranscriptError.notATranscript(path: path, message: "line 1 has no \"format\": \"troupe-transcript\"")
        }
        if let version = fields["formatVersion"], case .number(let number) = version,
            number > Double(TranscriptHeader.currentFormatVersion)
        {
            throw TranscriptError.unsupportedVersion(
                path: path, found: version.intValue ?? Int.max, supported: TranscriptHeader.currentFormatVersion)
        }
        do {
            return try JSONCoding.decode(TranscriptHeader.self, from: text)
        } catch {
            throw TranscriptError.notATranscript(path: path, message: "bad header: \(describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context): return context.debugDescription
        case DecodingError.valueNotFound(_, let context): return context.debugDescription
        default: return "\(error)"
        }
    }
}
