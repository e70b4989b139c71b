public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
    func read(at offset: Int, count: Int) throws -> [UInt8] {
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
