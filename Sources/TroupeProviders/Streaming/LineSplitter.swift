public import Foundation

/// Splits a byte stream into lines whatever the chunk boundaries: `\n` or `\r\n` endings,
/// partial lines kept until completed, UTF-8 decoded only once a line is whole.
public struct LineSplitter: Sendable {
    private var pending = Data()

    public init() {}

    /// The complete lines in `chunk` (plus what was pending), without their endings.
    public mutating func push(_ chunk: Data) -> [String] {
        let hasBreak = chunk.withUnsafeBytes { $0.isEmpty ? false : memchr($0.baseAddress!, 0x0A, $0.count) != nil }
        pending.append(chunk)
        guard hasBreak else { return [] }
        var lines: [String] = []
        let consumed = pending.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int in
            guard let base = bytes.baseAddress else { return 0 }
            var start = 0
            while start < bytes.count, let hit = memchr(base + start, 0x0A, bytes.count - start) {
                let index = base.distance(to: UnsafeRawPointer(hit))
                var end = index
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                lines.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = index + 1
            }
            return start
        }
        pending.removeSubrange(pending.startIndex..<(pending.startIndex + consumed))
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
