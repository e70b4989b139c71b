import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

/// A transcript file open for reading by offset, so a long session is read a line at a time
/// and a line read again later (a recorded answer, a turn being verified) is fetched from the
/// file rather than kept in memory. Reads use `pread`, so it is safe from any thread.
public final class TranscriptFile: Sendable {
    public let url: URL
    private let descriptor: Int32

    /// Opens `url` for reading.
    public init(url: URL) throws {
        self.url = url
        descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TranscriptError.unreadable(path: url.path, message: String(cString: strerror(errno)))
        }
    }

    deinit { close(descriptor) }

    /// Calls `body` with each line from `offset` (numbered from `firstNumber`) until it returns
    /// false or the file ends.
    public func forEachLine(
        from offset: Int = 0, firstNumber: Int = 1, _ body: (TranscriptLine) throws -> Bool
    ) throws {
        var cursor = LineCursor(file: self, offset: offset, number: firstNumber)
        while let line = try cursor.next() {
            guard try body(line) else { return }
        }
    }

    /// The line starting at `offset`, numbered `number`.
    public func line(at offset: Int, number: Int) throws -> TranscriptLine {
        var cursor = LineCursor(file: self, offset: offset, number: number, chunkSize: 1 << 12)
        guard let line = try cursor.next() else {
            throw TranscriptError.corruptLine(path: url.path, line: number, message: "the file ends before this line")
        }
        return line
    }

    /// Reads up to `count` bytes at `offset`; empty at the end of the file.
    fileprivate func read(at offset: Int, count: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        while true {
            let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
            if read >= 0 {
                buffer.removeSubrange(read...)
                return buffer
            }
            guard errno == EINTR else {
                throw TranscriptError.unreadable(path: url.path, message: String(cString: strerror(errno)))
            }
        }
    }
}

/// Reads a transcript's lines forward from an offset, a chunk at a time: memory holds one chunk
/// and the line being assembled, whatever the file's size.
public struct LineCursor {
    private let file: TranscriptFile
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var start = 0
    /// The file offset of `buffer[0]`.
    private var bufferOffset: Int
    private var atEnd = false
    /// The number the next line gets.
    public private(set) var number: Int

    /// A cursor at `offset`, whose first line is numbered `number`.
    public init(file: TranscriptFile, offset: Int, number: Int, chunkSize: Int = 1 << 16) {
        self.file = file
        self.bufferOffset = offset
        self.number = number
        self.chunkSize = chunkSize
    }

    /// The next line, or nil at the end of the file.
    public mutating func next() throws -> TranscriptLine? {
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
