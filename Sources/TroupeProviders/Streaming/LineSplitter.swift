import Foundation

/// Splits a byte stream into lines whatever the chunk boundaries: `\n` or `\r\n` endings,
/// partial lines kept until completed, UTF-8 decoded only once a line is whole.
public struct LineSplitter: Sendable {
    private var pending = Data()

    public init() {}

    /// The complete lines in `chunk` (plus what was pending), without their endings.
    public mutating func push(_ chunk: Data) -> [String] {
        pending.append(chunk)
        var lines: [String] = []
        var start = pending.startIndex
        while let newline = pending[start...].firstIndex(of: 0x0A) {
            var end = newline
            if end > start, pending[end - 1] == 0x0D { end -= 1 }
            lines.append(String(decoding: pending[start..<end], as: UTF8.self))
            start = newline + 1
        }
        pending = Data(pending[start...])
        return lines
    }

    /// The last line if the stream ended without a newline.
    public mutating func finish() -> String? {
        defer { pending = Data() }
        guard !pending.isEmpty else { return nil }
        var data = pending
        if data.last == 0x0D { data.removeLast() }
        return String(decoding: data, as: UTF8.self)
    }
}
