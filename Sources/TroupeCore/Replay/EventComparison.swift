import Foundation

/// How replayed and recorded events are compared. Timing (`ts`, `seq`, durations) is ignored.
/// Events are compared in order within each stream — one per step, one for the turn — and model
/// calls (which carry no step) per agent as a set, since one persona's parallel steps may call
/// its model in either order. So steps that ran in parallel may interleave differently without
/// counting as a divergence, while anything they did differently does.
enum EventComparison {
    /// An event reduced to what is compared.
    struct Compared {
        /// The event's JSON without timing — or the SHA-256 of it for an event over
        /// `largeEvent` bytes (a long plan), so the comparison does not hold it — or for a model
        /// request or response (the largest events by far) its agent, purpose and request hash:
        /// the SHA-256 of the whole request, whose recorded answer the replay serves.
        var key: String
        var stream: String
        var persona: String?
        /// The recorded line, or 0 for a replayed event.
        var line: Int
        /// How to show the event when it diverges, where the key is not the event itself.
        var shown: Shown

        enum Shown {
            case key
            /// Read from the transcript again when shown.
            case recordedLine(LineReference, TranscriptFile)
            case event(EventKind)
        }

        var description: String {
            switch shown {
            case .key: return key
            case .recordedLine(let reference, let file):
                return (try? file.line(at: reference.offset, number: reference.number)).map { comparable($0.bytes) } ?? key
            case .event(let kind):
                return (try? JSONCoding.encode(TypedPayload(kind: kind))).map { comparable($0) } ?? key
            }
        }
    }

    /// Events whose comparable JSON is longer than this are compared by its SHA-256.
    static let largeEvent = 16_384

    /// A recorded event from its transcript line in `file`.
    static func recorded(_ envelope: EventEnvelope, line: TranscriptLine, in file: TranscriptFile) -> Compared {
        let stream = envelope.stream
        let reread = Compared.Shown.recordedLine(LineReference(line), file)
        if let key = modelCallKey(envelope) {
            return Compared(key: key, stream: stream.key, persona: stream.persona, line: line.number, shown: reread)
        }
        let text = comparable(line.bytes)
        let large = text.utf8.count > largeEvent
        return Compared(
            key: large ? digest(text) : text, stream: stream.key, persona: stream.persona, line: line.number,
            shown: large ? reread : .key)
    }

    /// A replayed event.
    static func replayed(_ event: TroupeEvent) -> Compared {
        let envelope = EventEnvelope(event.kind)
        let stream = envelope.stream
        if let key = modelCallKey(envelope) {
            return Compared(key: key, stream: stream.key, persona: stream.persona, line: 0, shown: .event(event.kind))
        }
        // The payload and type only: the timestamp is left out rather than formatted and cut.
        let text = comparable((try? JSONCoding.encode(TypedPayload(kind: event.kind))) ?? Data())
        let large = text.utf8.count > largeEvent
        return Compared(
            key: large ? digest(text) : text, stream: stream.key, persona: stream.persona, line: 0,
            shown: large ? .event(event.kind) : .key)
    }

    private static func digest(_ text: String) -> String {
        "sha256 " + ContentHash.sha256(text)
    }

    /// Whether a stream is compared as a set rather than in order.
    static func isUnordered(_ stream: String) -> Bool {
        stream.hasPrefix("agent ")
    }

    private static func modelCallKey(_ envelope: EventEnvelope) -> String? {
        guard envelope.type == "model.request" || envelope.type == "model.response" else { return nil }
        return "\(envelope.type) \(envelope.agent ?? "") \(envelope.purpose?.rawValue ?? "") \(envelope.hash ?? "")"
    }

    /// An event's JSON without `seq` and `ts`, and with every `durationMs` zeroed. The same text
    /// for a recorded line and for the same event replayed, since both are the canonical encoding
    /// (sorted keys) of the event. The patterns can only match keys: inside a JSON string every
    /// quote is escaped.
    static func comparable(_ json: some Collection<UInt8>) -> String {
        let bytes = Array(json)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == quote else {
                out.append(bytes[index])
                index += 1
                continue
            }
            if starts(seqKey, in: bytes, at: index) {
                index = skipComma(in: bytes, at: skipDigits(in: bytes, at: index + seqKey.count))
            } else if starts(tsKey, in: bytes, at: index) {
                var end = index + tsKey.count
                while end < bytes.count, bytes[end] != quote { end += 1 }
                index = skipComma(in: bytes, at: end + 1)
            } else if starts(durationKey, in: bytes, at: index) {
                out.append(contentsOf: durationKey)
                out.append(UInt8(ascii: "0"))
                index = skipDigits(in: bytes, at: index + durationKey.count)
            } else {
                out.append(quote)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let seqKey = Array(#""seq":"#.utf8)
    private static let tsKey = Array(#""ts":""#.utf8)
    private static let durationKey = Array(#""durationMs":"#.utf8)

    private static func starts(_ pattern: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
        return true
    }

    private static func skipDigits(in bytes: [UInt8], at start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: "-") || (bytes[index] >= 0x30 && bytes[index] <= 0x39) {
            index += 1
        }
        return index
    }

    private static func skipComma(in bytes: [UInt8], at index: Int) -> Int {
        index < bytes.count && bytes[index] == UInt8(ascii: ",") ? index + 1 : index
    }

    /// An event's type and payload, encoded together as a transcript line is, without `seq` and `ts`.
    private struct TypedPayload: Encodable {
        var kind: EventKind

        func encode(to encoder: any Encoder) throws {
            try kind.payload.encode(to: encoder)
            var container = encoder.container(keyedBy: TypeKey.self)
            try container.encode(kind.type, forKey: .type)
        }

        enum TypeKey: String, CodingKey { case type }
    }
}
