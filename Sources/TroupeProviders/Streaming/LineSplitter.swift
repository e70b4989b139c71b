import Foundation

/// Splits a byte stream into lines whatever the chunk boundaries: `\n` or `\r\n` endings,
/// partial lines kept until completed, UTF-8 decoded only once a line is whole.
public struct LineSplitter: Sendable {
    private var pending = Data()

    public init() {}

    /// The complete lines in `chunk` (plus what was pending), without their endings.
    public mutating func push(_ chunk: Data) -> [String] {
        guard chunk.contains(0x0A) else {
            pending.append(chunk)
            return []
        }
        pending.append(chunk)
        var lines: [String] = []
        let remainder = pending.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Data in
            var start = 0
            for index in 0..<bytes.count where bytes[index] == 0x0A {
                var end = index
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                lines.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = index + 1
            }
            return Data(bytes[start...])
        }
        pending = remainder
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
