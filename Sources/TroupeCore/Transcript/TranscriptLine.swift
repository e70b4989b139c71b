public import Foundation

/// One line of a transcript: its bytes without the newline, its 1-based number, and the byte
/// offset where it starts.
public struct TranscriptLine: Sendable {
    public var bytes: Data
    public var number: Int
    public var offset: Int
    /// The file's last line with no newline after it: what a process killed mid-write leaves.
    public var cutShort: Bool

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Where a line is in a transcript: its byte offset and its 1-based number.
public struct LineReference: Sendable, Equatable {
    public var offset: Int
    public var number: Int

    init(_ line: TranscriptLine) {
        offset = line.offset
        number = line.number
    }
}
