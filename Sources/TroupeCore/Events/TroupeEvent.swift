public import Foundation

/// One event on the bus: a sequence number, a time, and what happened.
/// Encodes flat, as one transcript line: `{"seq":…,"ts":…,"type":…, …payload fields}`.
public struct TroupeEvent: Sendable, Equatable, Codable {
    public var seq: Int
    public var timestamp: Date
    public var kind: EventKind

    public init(seq: Int, timestamp: Date, kind: EventKind) {
        self.seq = seq
        self.timestamp = timestamp
        self.kind = kind
    }

    private enum Envelope: String, CodingKey { case seq, ts, type }

    public func encode(to encoder: any Encoder) throws {
        var envelope = encoder.container(keyedBy: Envelope.self)
        try envelope.encode(seq, forKey: .seq)
        try envelope.encode(Timestamps.string(timestamp), forKey: .ts)
        try envelope.encode(kind.type, forKey: .type)
        try kind.payload.encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        let envelope = try decoder.container(keyedBy: Envelope.self)
        seq = try envelope.decode(Int.self, forKey: .seq)
        let ts = try envelope.decode(String.self, forKey: .ts)
        guard let date = Timestamps.date(ts) else {
            throw DecodingError.dataCorruptedError(forKey: .ts, in: envelope, debugDescription: "bad timestamp \(ts)")
        }
        timestamp = date
        let type = try envelope.decode(String.self, forKey: .type)
        guard let payloadType = EventKind.payloadTypeNamed[type] else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: envelope, debugDescription: "unknown event type \(type)")
        }
        kind = try payloadType.init(from: decoder).eventKind
    }
}

/// ISO 8601 timestamps with milliseconds, in UTC.
public enum Timestamps {
    /// `2026-11-25T16:05:12.345Z`.
    public static func string(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// Parses what `string(_:)` writes.
    public static func date(_ text: String) -> Date? {
        try? Date(
            text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
