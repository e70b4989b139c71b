import Foundation

/// Reads a pipe to its end on a thread of its own, handing each chunk to `onData` and then
/// calling `onEnd`. Owns its descriptor (a duplicate, so Foundation closing its `Pipe` does not
/// pull it away mid-read) and closes it at the end. Used instead of `FileHandle`'s
/// `readabilityHandler`, whose dispatch source can crash when the handle is closed under it.
enum PipeReader {
    /// Starts reading a duplicate of `descriptor`.
    static func start(
        _ descriptor: Int32, onData: @escaping @Sendable (Data) -> Void, onEnd: @escaping @Sendable () -> Void
    ) {
        let owned = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        guard owned >= 0 else {
            onEnd()
            return
        }
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(owned, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                onData(Data(buffer[0..<count]))
            }
            close(owned)
            onEnd()
        }
    }
}
