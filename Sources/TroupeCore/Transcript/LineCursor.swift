import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a transcript's lines forward from an offset, a chunk at a time: memory holds one chunk
/// and the line being assembled, whatever the file's size.
struct LineCursor {
    private let file: TranscriptFile
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var start = 0
    /// The file offset of `buffer[0]`.
    private var bufferOffset: Int
    private var atEnd = false
    /// The number the next line gets.
    private(set) var number: Int

    /// A cursor at `offset`, whose first line is numbered `number`.
    init(file: TranscriptFile, offset: Int, number: Int, chunkSize: Int = 1 << 16) {
        self.file = file
        self.bufferOffset = offset
        self.number = number
        self.chunkSize = chunkSize
    }

    /// The next line, or nil at the end of the file.
    mutating func next() throws -> TranscriptLine? {
        var searchFrom = start
        while true {
            let newline = buffer[searchFrom...].withUnsafeBufferPointer { bytes -> Int? in
                guard let base = bytes.baseAddress, let found = memchr(base, 0x0A, bytes.count) else { return nil }
                return searchFrom + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
            }
            if let newline {
                return take(upTo: newline, cutShort: false)
            }
            searchFrom = buffer.count
            if atEnd {
                guard start < buffer.count else { return nil }
                return take(upTo: buffer.count, cutShort: true)
            }
            // Keep the partial line, drop what was consumed, and read the next chunk after it.
            if start > 0 {
                buffer.removeSubrange(0..<start)
                bufferOffset += start
                searchFrom -= start
                start = 0
            }
            let chunk = try file.read(at: bufferOffset + buffer.count, count: chunkSize)
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    private mutating func take(upTo end: Int, cutShort: Bool) -> TranscriptLine {
        let line = TranscriptLine(
            bytes: Data(buffer[start..<end]), number: number, offset: bufferOffset + start, cutShort: cutShort)
        number += 1
        start = min(end + 1, buffer.count)
        return line
    }
}
